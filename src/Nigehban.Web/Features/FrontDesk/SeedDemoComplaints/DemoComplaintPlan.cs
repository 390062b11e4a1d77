using System.Globalization;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.FrontDesk.SeedDemoComplaints;

/// <summary>
/// Four weeks of invented front-desk work at one station (ADR-041): complaints that arrive each day
/// and are moved along their real life (<see cref="StationComplaint"/>'s own methods) as far as they
/// would be by now (some still awaiting an officer, some under inquiry, most disposed, many of those
/// rated), with the escalation job's breaches where a stage outlived its deadline; and the visitor log
/// of the last week. The same station, seed and time give the same work. Every person is invented
/// ("Demo …", phones +999, which is no country's code) and every note says it is demo data.
/// </summary>
public sealed class DemoComplaintPlan(ForcePack force, FrontDeskPack pack, ComplaintClock clock)
{
    public const int Seed = 20261207;

    /// <summary>Days of complaints before today (today's, up to now, come too).</summary>
    public const int Days = 28;

    /// <summary>Days of the visitor log before today.</summary>
    public const int VisitDays = 7;

    public const double MeanDailyComplaints = 0.6;

    public const double MeanDailyVisitors = 3.0;

    internal const string Desk = "demo.frontdesk";
    internal const string Sho = "demo.sho";

    private static readonly string[] GivenNames = ["Aril", "Bena", "Corin", "Dessa", "Evan", "Fira", "Galen", "Hesta", "Idris", "Juna", "Kemal", "Lira"];
    private static readonly string[] FamilyNames = ["Ashdown", "Brill", "Carrow", "Dunmore", "Ellery", "Fenwick", "Garland", "Hollis", "Ingram", "Jarrow", "Kestrel", "Lowell"];
    private static readonly string[] Saw = ["Duty officer", "Station house officer", "Inquiry officer", "Records clerk"];

    /// <summary>The station's complaints from <see cref="Days"/> days ago up to <paramref name="now"/>; references left empty.</summary>
    /// <param name="officers">The user names the station's complaints are assigned to.</param>
    public List<StationComplaint> Complaints(UnitInfo station, IReadOnlyList<string> officers, DateTimeOffset now)
    {
        var random = new Random(Seed ^ StableHash(station.Code));
        var today = LocalDay(now);
        var complaints = new List<StationComplaint>();
        for (var day = today.AddDays(-Days); day <= today; day = day.AddDays(1))
        {
            var working = force.Calendar.IsWorkingDay(day);
            var count = Poisson(random, MeanDailyComplaints * (working ? 1.0 : 0.5));
            for (var i = 0; i < count; i++)
            {
                var receivedAt = At(day, random.Next(8 * 60, 20 * 60));
                if (receivedAt < now)
                {
                    complaints.Add(Complaint(random, station, officers, receivedAt, now));
                }
            }
        }

        return complaints;
    }

    /// <summary>The station's visitor log over the last <see cref="VisitDays"/> days and today up to now.</summary>
    public List<StationVisit> Visits(UnitInfo station, DateTimeOffset now)
    {
        var random = new Random(Seed ^ StableHash(station.Code) ^ 0x5A5A);
        var today = LocalDay(now);
        var visits = new List<StationVisit>();
        for (var day = today.AddDays(-VisitDays); day <= today; day = day.AddDays(1))
        {
            var count = Poisson(random, MeanDailyVisitors * (force.Calendar.IsWorkingDay(day) ? 1.0 : 0.4));
            for (var i = 0; i < count; i++)
            {
                var arrivedAt = At(day, random.Next(8 * 60, 19 * 60));
                if (arrivedAt >= now)
                {
                    continue;
                }

                var purpose = pack.VisitorPurposes[random.Next(pack.VisitorPurposes.Count)];
                var visit = new StationVisit
                {
                    Id = Guid.CreateVersion7(arrivedAt),
                    UnitCode = station.Code,
                    UnitPath = station.Path,
                    VisitorName = Person(random),
                    VisitorPhone = random.NextDouble() < 0.6 ? Phone(random) : null,
                    PurposeCode = purpose.Code,
                    Saw = Saw[random.Next(Saw.Length)],
                    ArrivedAt = arrivedAt,
                    RecordedBy = Desk,
                };
                var leftAt = arrivedAt.AddMinutes(random.Next(10, 120));
                if (leftAt < now)
                {
                    visit.Depart(leftAt);
                }

                visits.Add(visit);
            }
        }

        return visits;
    }

    private StationComplaint Complaint(Random random, UnitInfo station, IReadOnlyList<string> officers, DateTimeOffset receivedAt, DateTimeOffset now)
    {
        var category = pack.Categories[random.Next(pack.Categories.Count)].Code;
        var due = clock.DueAt(receivedAt, ComplaintStatus.Received, category);
        var desk = random.NextDouble() < 0.7;
        var complaint = new StationComplaint
        {
            Id = Guid.CreateVersion7(receivedAt),
            Reference = string.Empty,
            CategoryCode = category,
            Description = "Demo data: an invented complaint for the demonstration instance.",
            IncidentAt = receivedAt.AddHours(-random.Next(1, 72)),
            LocationText = "Demo data: an invented place",
            Complainant = new Complainant { Name = Person(random), Phone = Phone(random) },
            Language = force.Languages[random.NextDouble() < 0.7 ? 0 : random.Next(force.Languages.Count)].Code,
            Channel = desk ? ComplaintChannel.Desk : ComplaintChannel.Online,
            UnitCode = station.Code,
            UnitPath = station.Path,
            ReceivedAt = receivedAt,
            StageStartedAt = receivedAt,
            StageDueAt = due,
            NextEscalationAt = due,
        };
        complaint.RecordReceipt(desk ? Desk : "citizen (online)");

        // Each stage takes a while; about one in six outlives its deadline, and the escalation job's breaches follow.
        var assignedAt = receivedAt.AddHours(Late(random) ? random.Next(25, 60) : random.Next(1, 20));
        if (!Reached(complaint, assignedAt, now))
        {
            return complaint;
        }

        var officer = officers[random.Next(officers.Count)];
        complaint.Assign(officer, $"Demo Inspector {officer}", Phone(random), Sho, assignedAt, clock.DueAt(assignedAt, ComplaintStatus.Assigned, category));
        var openedAt = assignedAt.AddHours(Late(random) ? random.Next(25, 50) : random.Next(1, 18));
        if (!Reached(complaint, openedAt, now))
        {
            return complaint;
        }

        complaint.StartInquiry(officer, openedAt, clock.DueAt(openedAt, ComplaintStatus.UnderInquiry, category));
        var inquiry = complaint.StageDueAt - openedAt;
        var disposedAt = openedAt + (inquiry * (Late(random) ? 1.1 + random.NextDouble() : 0.1 + (0.8 * random.NextDouble())));
        if (!Reached(complaint, disposedAt, now))
        {
            return complaint;
        }

        var (outcome, note) = random.NextDouble() switch
        {
            < 0.45 => (ComplaintOutcome.Resolved, (string?)null),
            < 0.70 => (ComplaintOutcome.FirRegistered, null),
            < 0.85 => (ComplaintOutcome.Referred, "Demo data: referred to another department"),
            _ => (ComplaintOutcome.Filed, "Demo data: the complainant withdrew"),
        };
        complaint.RecordDisposal(outcome, note, officer, disposedAt);
        var ratedAt = disposedAt.AddHours(random.Next(1, 48));
        if (ratedAt < now && random.NextDouble() < 0.6)
        {
            complaint.Rate(random.NextDouble() switch { < 0.45 => 5, < 0.75 => 4, < 0.87 => 3, < 0.95 => 2, _ => 1 }, "Demo data", ratedAt);
        }

        return complaint;
    }

    /// <summary>
    /// Whether the complaint's next step (at <paramref name="next"/>) has happened by now. Either way,
    /// the current stage's breaches up to then are recorded as the minute-by-minute escalation job would have.
    /// </summary>
    private bool Reached(StationComplaint complaint, DateTimeOffset next, DateTimeOffset now)
    {
        var until = next < now ? next : now;
        if (complaint.EscalationLevel == 0 && complaint.StageDueAt < until)
        {
            var first = complaint.StageDueAt.AddMinutes(1);
            complaint.Escalate(first, clock.SupervisorDueAt(first));
        }

        if (complaint.EscalationLevel == 1 && complaint.NextEscalationAt is { } again && again < until)
        {
            complaint.Escalate(again.AddMinutes(1), null);
        }

        return next < now;
    }

    private static bool Late(Random random) => random.NextDouble() < 1.0 / 6;

    private DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, force.TimeZone).DateTime);

    private DateTimeOffset At(DateOnly day, int minuteOfDay)
    {
        var local = day.ToDateTime(TimeOnly.MinValue).AddMinutes(minuteOfDay);
        return new DateTimeOffset(local, force.TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static string Person(Random random) => $"Demo {GivenNames[random.Next(GivenNames.Length)]} {FamilyNames[random.Next(FamilyNames.Length)]}";

    private static string Phone(Random random) => "+999" + random.NextInt64(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);

    private static int Poisson(Random random, double mean)
    {
        var threshold = Math.Exp(-mean);
        var count = 0;
        for (var product = random.NextDouble(); product > threshold; product *= random.NextDouble())
        {
            count++;
        }

        return count;
    }

    /// <summary>A hash that is the same in every process (FNV-1a), unlike string.GetHashCode.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)hash);
    }
}
