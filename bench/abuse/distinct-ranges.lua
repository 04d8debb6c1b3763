-- Every request a distinct /ephemeris range: a random start in 1900..2090 to the second, and a span of
-- 10 years less up to a day, so each answer is as large as the repeated 10-year range it is compared with.
math.randomseed(tonumber(os.getenv("SEED") or "7"))
local base = -2208988800 -- 1900-01-01T00:00:00Z
request = function()
  local from = base + math.random(0, 190 * 365 * 86400)
  local to = from + 3652 * 86400 - math.random(0, 86400)
  return wrk.format("GET", "/api/lunar/voc/ephemeris?from=" .. os.date("!%Y-%m-%dT%H:%M:%SZ", from) .. "&to=" .. os.date("!%Y-%m-%dT%H:%M:%SZ", to))
end
