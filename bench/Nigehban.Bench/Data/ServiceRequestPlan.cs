using System.Globalization;
using System.Reflection;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.References;
using Nigehban.Web.Platform.Sla;

namespace Nigehban.Bench.Data;

/// <summary>
/// One synthetic service application as the app would have stored it after its whole life:
/// submitted, moved through the state machine, closed (or stuck open and escalated). The reference
/// parts are kept beside the reference so the generator can set the app's counters afterwards.
/// </summary>
public sealed record PlannedServiceRequest(
    Guid Id,
    string Reference,
    string ReferenceDistrict,
    int ReferenceYear,
    long Sequence,
    string ServiceCode,
    string UnitCode,
    string UnitPath,
    ServiceChannel Channel,
    string NationalId,
    string Name,
    string ParentName,
    string? Phone,
    ServiceRequestStatus Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? BreachedAt,
    decimal FeeAmount,
    string FeeCurrency,
    string? RejectionReason,
    string? CorrectionNote,
    bool? RecordCheckHit,
    string? RecordCheckSummary,
    int Version);

/// <summary>
/// The "province-decade" service applications: <see cref="Scale.ServiceRequests"/> rows over
/// <see cref="Scale.Years"/> whole years ending at <see cref="DataEnd"/>, spread over districts by
/// population, over stations within a district by a weight drawn per station, over services by
/// the shares in <c>Shapes/&lt;force&gt;-services.csv</c>, over days by a yearly growth, a monthly
/// season, the weekday and the force's holidays, and over the working day by hour. Each row is
/// consistent with the app's state machine (<see cref="ServiceRequest"/>) and SLA: the due instant
/// comes from the app's own <see cref="DeadlineCalculator"/>, a request closed after its due
/// instant was marked breached by the escalation job (which runs every minute) a minute or less
/// after it, and the few requests still open are all past due and already escalated, so the app's
/// job finds nothing to do on start. Rows come in submission order, as a stream.
/// </summary>
public sealed class ServiceRequestPlan
{
    /// <summary>The data set ends here (local midnight, exclusive): the last whole month is October 2026.</summary>
    public static readonly DateOnly DataEnd = new(2026, 11, 1);

    /// <summary>Applications a year grow by this factor (the service centres' caseload grew as they spread).</summary>
    private const double YearlyGrowth = 1.15;

    private static readonly double[] MonthFactor = [0.92, 0.96, 1.02, 1.00, 1.04, 1.10, 1.08, 1.02, 1.00, 1.00, 0.96, 0.90];

    /// <summary>Sunday first, as <see cref="DayOfWeek"/>: centres are busiest on Monday, quiet on Friday afternoon and the weekend.</summary>
    private static readonly double[] WeekdayFactor = [0.25, 1.30, 1.15, 1.10, 1.05, 0.85, 0.45];

    /// <summary>Applications per local hour of the day, 08:00 to 19:59.</summary>
    private static readonly double[] HourFactor = [0.3, 0.9, 1.4, 1.6, 1.5, 1.1, 1.2, 1.2, 0.9, 0.6, 0.3, 0.1];

    private static readonly string[] RejectionReasons = ["Documents incomplete", "Applicant did not appear for verification", "Details do not match the national ID", "Duplicate application"];
    private static readonly string[] CorrectionNotes = ["Photograph missing", "Copy of CNIC not legible", "Letter from the organisation missing", "Address incomplete"];

    private readonly BenchPlan _plan;
    private readonly DeadlineCalculator _deadlines;
    private readonly ServiceShape[] _services;
    private readonly double[] _serviceCumulative;
    private readonly DistrictShape[] _districts;
    private readonly double[] _districtCumulative;

    private sealed record ServiceShape(ServiceDefinition Definition, Deadline Deadline, double CounterShare, bool Online, bool Embassy);

    private sealed record DistrictShape(PlannedUnit District, int Index, string ShortCode, PlannedUnit[] Stations, double[] StationCumulative);

    public ServiceRequestPlan(BenchPlan plan)
    {
        _plan = plan;
        var force = plan.Force;
        _deadlines = new DeadlineCalculator(force);
        var catalogue = new ServiceCatalogue(force);
        ReferenceKind = catalogue.ReferencePrefix;

        var shares = ReadShape(force, "services");
        var services = catalogue.All.Where(s => shares.Count == 0 || shares.ContainsKey(s.Code)).ToList();
        _services = [.. services.Select(s => new ServiceShape(s, Deadline.Parse(s.Sla),
            !s.Channels.Contains("counter") ? 0 : shares.TryGetValue(s.Code, out var v) && v.Length > 1 ? v[1] / 100 : 0.7,
            s.Channels.Contains("online"), s.Channels.Contains("embassy")))];
        _serviceCumulative = Cumulative(services.Select(s => shares.TryGetValue(s.Code, out var v) ? v[0] : 1.0));

        // Stations are drawn per district; each gets a weight from its own stream, so a busy city
        // station and a quiet rural one sit in the same district.
        var population = ReadShape(force, "districts");
        var stationRandom = new DeterministicRandom(plan.Seed, "service-requests/stations");
        var districts = new List<DistrictShape>();
        foreach (var (district, index) in plan.Districts.Select((d, i) => (d, i)))
        {
            var stations = plan.Units.Where(u => u.Kind == force.StationUnitKind && u.Path.StartsWith(district.Path, StringComparison.Ordinal)).ToArray();
            if (stations.Length == 0)
            {
                continue;
            }

            var shortCode = district.ShortCode ?? throw new InvalidOperationException($"district {district.Code} has no short code for references");
            districts.Add(new DistrictShape(district, index, shortCode, stations,
                Cumulative(stations.Select(_ => 0.3 + (1.4 * stationRandom.Next(1000) / 1000.0)))));
        }

        _districts = [.. districts];
        var median = population.Count == 0 ? 1.0 : population.Values.Select(v => v[0]).Order().ElementAt(population.Count / 2);
        _districtCumulative = Cumulative(_districts.Select(d => population.TryGetValue(d.District.Code, out var p) ? p[0] : median));
    }

    /// <summary>The reference prefix of the force's applications (its pack's referencePrefix).</summary>
    public string ReferenceKind { get; }

    public long Count => _plan.Scale.ServiceRequests;

    public DateOnly FirstDay => DataEnd.AddYears(-_plan.Scale.Years);

    /// <summary>The rows, in submission order. Deterministic: the seed, the pack and the scale decide every value.</summary>
    public IEnumerable<PlannedServiceRequest> Rows()
    {
        var random = new DeterministicRandom(_plan.Seed, "service-requests");
        var sequences = new Dictionary<(string District, int Year), long>();
        var days = DayCounts();
        var currency = _plan.Force.Currency;
        var hourCumulative = Cumulative(HourFactor);
        var areaStep = 9000 / Math.Max(1, _plan.Districts.Count);
        for (var d = 0; d < days.Length; d++)
        {
            var day = FirstDay.AddDays(d);
            var dayStart = _deadlines.StartOfLocalDay(day);
            var year = day.Year;
            // Within a day the rows are put in time order, as the app would have numbered them.
            var times = new long[days[d]];
            for (var i = 0; i < times.Length; i++)
            {
                var hour = Pick(hourCumulative, random);
                times[i] = ((8 + hour) * 3600L) + random.Next(3600);
            }

            Array.Sort(times);
            foreach (var seconds in times)
            {
                var submittedAt = dayStart.AddSeconds(seconds);
                var district = _districts[Pick(_districtCumulative, random)];
                var station = district.Stations[Pick(district.StationCumulative, random)];
                var service = _services[Pick(_serviceCumulative, random)];
                var key = (district.ShortCode, year);
                var sequence = sequences[key] = sequences.GetValueOrDefault(key) + 1;
                var reference = new ReferenceNumber(ReferenceKind, district.ShortCode, year % 100, sequence);

                var channel = random.Chance(service.CounterShare) ? ServiceChannel.Counter
                    : service.Embassy && (!service.Online || random.Chance(0.3)) ? ServiceChannel.Embassy
                    : ServiceChannel.Online;

                var female = random.Chance(0.49);
                var family = random.Pick(NamePool.FamilyNames);
                var given = female ? NamePool.FemaleGivenNames : NamePool.MaleGivenNames;
                var name = $"{random.Pick(given)} {(random.Chance(0.85) ? family : random.Pick(NamePool.FamilyNames))}";
                var father = $"{random.Pick(NamePool.MaleGivenNames)} {family}";
                var lastDigit = female ? 2 * random.Next(5) : (2 * random.Next(5)) + 1;
                var nationalId = string.Create(CultureInfo.InvariantCulture, $"3{1000 + (district.Index * areaStep):0000}{random.Next(10_000_000):0000000}{lastDigit}");
                var phone = random.Chance(0.7) ? string.Create(CultureInfo.InvariantCulture, $"03{random.Next(0, 5)}{random.Next(10_000_000, 100_000_000)}") : null;

                var dueAt = _deadlines.DueAt(submittedAt, service.Deadline);
                var life = Life(random, service, submittedAt, dueAt);
                yield return new PlannedServiceRequest(
                    NewId(random, submittedAt), reference.ToString(), district.ShortCode, year, sequence,
                    service.Definition.Code, station.Code, station.Path, channel, nationalId, name, father, phone,
                    life.Status, submittedAt, dueAt, life.ClosedAt, life.BreachedAt, service.Definition.Fee, currency,
                    life.RejectionReason, life.CorrectionNote, life.RecordCheckHit, life.RecordCheckSummary, life.Version);
            }
        }
    }

    private sealed record Outcome(ServiceRequestStatus Status, DateTimeOffset? ClosedAt, DateTimeOffset? BreachedAt,
        string? RejectionReason, string? CorrectionNote, bool? RecordCheckHit, string? RecordCheckSummary, int Version);

    /// <summary>
    /// The request's path through the state machine: Submitted → (ReturnedForCorrection → Submitted)?
    /// → DocumentsChecked → RecordChecked → Approved → Issued, or Rejected at one of the first three,
    /// or (rarely) stuck open past its deadline. Most close in time; a closing after the due instant
    /// carries the breach the escalation job recorded a minute or less after it.
    /// </summary>
    private static Outcome Life(DeterministicRandom random, ServiceShape service, DateTimeOffset submittedAt, DateTimeOffset dueAt)
    {
        var correction = random.Chance(0.05);
        var correctionNote = correction ? random.Pick(CorrectionNotes) : null;
        var transitions = correction ? 2 : 0;
        var allowed = dueAt - submittedAt;
        var onTime = random.Chance(0.88);
        var takes = onTime
            ? TimeSpan.FromTicks((long)(allowed.Ticks * (0.04 + (0.9 * random.Next(10_000) / 10_000.0))))
            : allowed + TimeSpan.FromMinutes(30 + random.Next(6 * 24 * 60));
        var closedAt = submittedAt + takes;
        DateTimeOffset? breachedAt = closedAt > dueAt ? dueAt.AddSeconds(5 + random.Next(60)) : null;
        var stuck = random.Chance(0.004);
        var hit = service.Definition.Checks.Count > 0 && random.Chance(0.03);
        string Summary() => service.Definition.Checks.Count == 0 ? "This service needs no record check."
            : hit ? "Watchlist: a possible match on the national ID (synthetic)" : "No record found";

        // Where the request stops: 0 Submitted, 1 DocumentsChecked, 2 RecordChecked, 3 Approved, 4 Issued.
        var stage = random.Next(1000) switch
        {
            < 25 => 0,
            < 45 => 1,
            _ => 2,
        };
        var rejected = stage < 2 || (hit ? random.Chance(0.75) : random.Chance(0.01));
        if (!rejected)
        {
            stage = 4;
        }

        if (stuck)
        {
            var at = random.Next(5);
            var status = at switch
            {
                0 => ServiceRequestStatus.Submitted,
                1 => ServiceRequestStatus.DocumentsChecked,
                2 => ServiceRequestStatus.RecordChecked,
                3 => ServiceRequestStatus.Approved,
                _ => ServiceRequestStatus.ReturnedForCorrection,
            };
            var moves = at == 4 ? transitions + 1 : transitions + at;
            var checkedRecord = at is 2 or 3;
            return new Outcome(status, null, dueAt.AddSeconds(5 + random.Next(60)), null,
                at == 4 ? random.Pick(CorrectionNotes) : correctionNote,
                checkedRecord ? hit : null, checkedRecord ? Summary() : null, moves);
        }

        if (rejected)
        {
            var reason = stage == 2 && hit ? "Record check: the applicant is on the watchlist" : random.Pick(RejectionReasons);
            return new Outcome(ServiceRequestStatus.Rejected, closedAt, breachedAt, reason, correctionNote,
                stage == 2 ? hit : null, stage == 2 ? Summary() : null, transitions + stage + 1);
        }

        return new Outcome(ServiceRequestStatus.Issued, closedAt, breachedAt, null, correctionNote, hit, Summary(), transitions + 4);
    }

    /// <summary>How many applications each day gets: growth × season × weekday × holiday, rounded so they sum to <see cref="Count"/> exactly.</summary>
    private int[] DayCounts()
    {
        var dayCount = DataEnd.DayNumber - FirstDay.DayNumber;
        var weights = new double[dayCount];
        for (var d = 0; d < dayCount; d++)
        {
            var day = FirstDay.AddDays(d);
            var holiday = _plan.Force.Calendar.IsWorkingDay(day) || day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1.0 : 0.15;
            weights[d] = Math.Pow(YearlyGrowth, d / 365.25) * MonthFactor[day.Month - 1] * WeekdayFactor[(int)day.DayOfWeek] * holiday;
        }

        var total = weights.Sum();
        var counts = new int[dayCount];
        double cumulative = 0;
        long given = 0;
        for (var d = 0; d < dayCount; d++)
        {
            cumulative += weights[d];
            var upTo = (long)Math.Round(Count * (cumulative / total));
            counts[d] = (int)(upTo - given);
            given = upTo;
        }

        return counts;
    }

    /// <summary>A version-7 layout id: the submission's millisecond, then bits from the stream, so ids sort by time as the app's do.</summary>
    private static Guid NewId(DeterministicRandom random, DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = weights.ToArray();
        var sum = list.Sum();
        var result = new double[list.Length];
        double running = 0;
        for (var i = 0; i < list.Length; i++)
        {
            running += list[i] / sum;
            result[i] = running;
        }

        result[^1] = 1.0;
        return result;
    }

    private static int Pick(double[] cumulative, DeterministicRandom random)
    {
        var u = (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
        var index = Array.BinarySearch(cumulative, u);
        return Math.Min(index < 0 ? ~index : index + 1, cumulative.Length - 1);
    }

    /// <summary>
    /// A shape file of the bench for this force (<c>Shapes/&lt;force&gt;-&lt;name&gt;.csv</c>, embedded):
    /// code, then numbers. None for the force: every code weighs the same.
    /// </summary>
    private static Dictionary<string, double[]> ReadShape(ForcePack force, string name)
    {
        var result = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"shapes/{force.Code}-{name}.csv");
        if (stream is null)
        {
            return result;
        }

        using var reader = new StreamReader(stream);
        var header = true;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            var cells = line.Split(',');
            result[cells[0].Trim()] = [.. cells.Skip(1).Select(c => double.Parse(c, CultureInfo.InvariantCulture))];
        }

        return result;
    }
}
