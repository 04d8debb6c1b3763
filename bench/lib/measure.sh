# Shared by the throughput benchmarks: requests/s from wrk, and the server's own CPU time per
# request (user + system ticks of its process over the round), which does not depend on how the
# two cores were shared with wrk. Needs $work (a scratch folder), $connections and $duration.

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# rps URL PID -> "requests/s:CPU µs per request"; fails the benchmark if wrk saw any failed request.
rps() {
  local before after out
  before=$(cpu_ticks "$2")
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$1" | tee -a "$work/wrk.txt")
  if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then echo "wrk saw failed requests on $1:" >&2; grep -E 'Non-2xx|Socket errors' <<<"$out" >&2; exit 1; fi
  after=$(cpu_ticks "$2")
  awk -v ticks="$((after - before))" -v hz="$(getconf CLK_TCK)" '
    /requests in/ {n = $1} /Requests\/sec/ {r = $2}
    END {printf "%.0f:%.2f\n", r, ticks * 1e6 / hz / n}' <<<"$out"
}
