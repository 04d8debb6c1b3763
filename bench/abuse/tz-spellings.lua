-- Every request a distinct spelling of a zone the system would resolve: extra slashes, in varying places.
local n = 0
request = function()
  n = n + 1
  local k = 1 + n % 40
  local path
  if n % 3 == 0 then
    path = "Europe" .. string.rep("/", k) .. "Paris" .. string.rep("/", n % 7)
  elseif n % 3 == 1 then
    path = string.rep("/", k) .. "America/New_York" .. string.rep("/", n % 5)
  else
    path = "Asia" .. string.rep("/", k) .. "Tokyo/" .. string.rep("/", n % 11)
  end
  return wrk.format("GET", "/api/lunar/voc/current?tz=" .. path:gsub("/", "%%2F") .. "&n=" .. n)
end
