using System.Diagnostics;
using System.Globalization;
using LunarVoc.Domain.Astrology;
using LunarVoc.Infrastructure.Ephemeris;

// Usage: LunarVoc.Bench.EphemerisSpeed <year> <runs> [modern|traditional]
// Prints one line per run: "<windows> <milliseconds>". The first run includes JIT compilation.
var year = int.Parse(args[0], CultureInfo.InvariantCulture);
var runs = int.Parse(args[1], CultureInfo.InvariantCulture);
var planets = args.Length > 2 && args[2] == "traditional" ? PlanetSet.Traditional : PlanetSet.Modern;
var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
var ephemeris = new BuiltInEphemeris();
for (var run = 0; run < runs; run++)
{
    var stopwatch = Stopwatch.StartNew();
    var windows = ephemeris.VoidWindows(from, from.AddYears(1), planets);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{windows.Length} {stopwatch.Elapsed.TotalMilliseconds:F1}"));
}
