-- wrk script: cycle through the photos for one workload, so each request decodes a different original.
-- WORKLOAD is the path prefix ("/unsafe/500x500/"), IMAGES a space-separated list of file names.
local prefix = os.getenv("WORKLOAD")
local images = {}
for name in string.gmatch(os.getenv("IMAGES"), "%S+") do
  images[#images + 1] = name
end
local i = 0
request = function()
  i = i % #images + 1
  return wrk.format("GET", prefix .. images[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.3f p50=%.3f p99=%.3f errors=%d requests=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.requests))
end
