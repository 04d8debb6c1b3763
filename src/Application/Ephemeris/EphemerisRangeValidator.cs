using FluentValidation;

namespace LunarVoc.Application.Ephemeris;

/// <summary>A read of a range computed by the ephemeris: windows or phases.</summary>
public interface IEphemerisRangeQuery : IValidated
{
    /// <summary>The longest range one request may ask for: its cost is bounded by as many cached years.</summary>
    public const int MaxYears = 10;

    DateTimeOffset From { get; }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716", Justification = "from..to is the range's name in the API; no other language implements this interface.")]
    DateTimeOffset To { get; }

    /// <summary>The calendar years (UTC) a range touches: the chunks it is computed and cached in.</summary>
    static IEnumerable<int> YearsOf(IEphemerisRangeQuery range)
    {
        var first = range.From.UtcDateTime.Year;
        return Enumerable.Range(first, range.To.AddTicks(-1).UtcDateTime.Year - first + 1);
    }
}

/// <summary>The rules every ephemeris range follows: within 1900–2100, not empty, at most <see cref="IEphemerisRangeQuery.MaxYears"/> years.</summary>
public sealed class EphemerisRangeValidator : AbstractValidator<IEphemerisRangeQuery>
{
    public EphemerisRangeValidator()
    {
        RuleFor(q => q.From)
            .GreaterThanOrEqualTo(EphemerisRange.Start)
            .WithMessage("from must not be before 1900-01-01T00:00:00Z: the ephemeris covers 1900 to 2100.");

        RuleFor(q => q.To)
            .GreaterThan(q => q.From).WithMessage("to must be after from.")
            .LessThanOrEqualTo(EphemerisRange.End)
                .WithMessage("to must not be after 2101-01-01T00:00:00Z: the ephemeris covers 1900 to 2100.")
            // A from past the ephemeris is refused by the rules above; checking it here keeps AddYears from overflowing.
            .Must((q, to) => q.From > EphemerisRange.End || to <= q.From.AddYears(IEphemerisRangeQuery.MaxYears))
                .WithMessage($"The range from..to may span at most {IEphemerisRangeQuery.MaxYears} years.");
    }
}
