using LunarVoc.Application.Ephemeris;

namespace LunarVoc.Application.Moon.GetMoonPhases;

/// <summary>Every principal phase in [From, To), by instant.</summary>
public sealed record GetMoonPhasesQuery(DateTimeOffset From, DateTimeOffset To) : IQuery<ImmutableArray<LunarPhase>>, IEphemerisRangeQuery;

/// <summary>Any range is answered from the calendar years it touches, each a cached query.</summary>
public sealed class GetMoonPhasesQueryHandler(ISender sender) : IQueryHandler<GetMoonPhasesQuery, ImmutableArray<LunarPhase>>
{
    public async ValueTask<ImmutableArray<LunarPhase>> Handle(GetMoonPhasesQuery query, CancellationToken cancellationToken)
    {
        var phases = ImmutableArray.CreateBuilder<LunarPhase>();
        foreach (var year in IEphemerisRangeQuery.YearsOf(query))
        {
            var chunk = await sender.Send(new GetPhasesYearQuery(year), cancellationToken);
            phases.AddRange(chunk.Phases.Where(phase => phase.At >= query.From && phase.At < query.To));
        }

        return phases.ToImmutable();
    }
}
