using LunarVoc.Application.Ephemeris.GetEphemerisYear;

namespace LunarVoc.Application.Ephemeris.GetEphemerisWindows;

/// <summary>Windows computed on demand for [From, To), not stored.</summary>
public sealed record GetEphemerisWindowsQuery(DateTimeOffset From, DateTimeOffset To, PlanetSet Planets)
    : IQuery<ImmutableArray<ComputedVocWindow>>, IEphemerisRangeQuery;

/// <summary>Any range is answered by slicing the calendar years it touches, each a cached query.</summary>
public sealed class GetEphemerisWindowsQueryHandler(ISender sender)
    : IQueryHandler<GetEphemerisWindowsQuery, ImmutableArray<ComputedVocWindow>>
{
    public async ValueTask<ImmutableArray<ComputedVocWindow>> Handle(GetEphemerisWindowsQuery query, CancellationToken cancellationToken)
    {
        var windows = ImmutableArray.CreateBuilder<ComputedVocWindow>();
        var firstYear = query.From.UtcDateTime.Year;
        foreach (var year in IEphemerisRangeQuery.YearsOf(query))
        {
            var chunk = new GetEphemerisYearQuery(year, query.Planets);
            foreach (var window in (await sender.Send(chunk, cancellationToken)).Windows)
            {
                // A window crossing New Year is in both years' lists: take it from the year it starts in.
                var seenInEarlierYear = year > firstYear && window.StartAt < chunk.Start;
                if (!seenInEarlierYear && window.EndAt > query.From && window.StartAt < query.To)
                {
                    windows.Add(window);
                }
            }
        }

        return windows.ToImmutable();
    }
}
