using System.Globalization;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Units;

namespace Nigehban.Web.Features.ServiceCentres.SeedDemoHistory;

/// <summary>One generated application with what came with it: its fee payment and its queue token, if any.</summary>
public sealed record DemoApplication(ServiceRequest Request, FeePayment? Payment, QueueToken? Token, int Year);

/// <summary>
/// A year of invented service-centre history for one district, generated from the force pack alone
/// (its units, services, fees, deadlines, calendar and time zone): how many applications arrive each
/// day, through which channel, for which service, and how far each got by now. The same seed, district
/// and days always give the same history. Every applicant is invented ("Demo …"), and every step says
/// it is demo data.
/// </summary>
public sealed class DemoHistoryPlan(ForcePack force, ServiceCatalogue catalogue, Func<DateTimeOffset, string, DateTimeOffset> dueAt)
{
    public const int Seed = 20260101;

    /// <summary>Applications per district and day before the season, trend and weekday shape it.</summary>
    public const double MeanDailyApplications = 0.45;

    internal const string FrontDesk = "demo.frontdesk";
    internal const string Sho = "demo.sho";
    internal const string Online = "citizen (online)";

    private static readonly string[] GivenNames = ["Arin", "Belo", "Cadi", "Darek", "Elin", "Faro", "Gemi", "Halon", "Irel", "Joral", "Kesi", "Lumo"];
    private static readonly string[] FamilyNames = ["Amberly", "Brisko", "Corvane", "Delmor", "Estrin", "Falkor", "Gavrin", "Holme", "Ivaro", "Jessop", "Kellan", "Lorn"];

    /// <summary>
    /// The district's applications submitted from <paramref name="firstDay"/> to <paramref name="lastDay"/>
    /// (force-local days), each moved as far along its life as it would be at <paramref name="now"/>.
    /// References are left empty: they are numbered by the caller, in submission order.
    /// </summary>
    public IReadOnlyList<DemoApplication> ForDistrict(UnitInfo district, IReadOnlyList<UnitInfo> centres, DateOnly firstDay, DateOnly lastDay, DateTimeOffset now)
    {
        var random = new Random(Seed ^ StableHash(district.Code));
        var districtRate = MeanDailyApplications * (0.45 + (1.1 * random.NextDouble()));
        var totalDays = Math.Max(1, lastDay.DayNumber - firstDay.DayNumber);
        var applications = new List<DemoApplication>();
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            var working = force.Calendar.IsWorkingDay(day);
            var season = 1 + (0.3 * Math.Sin(2 * Math.PI * (day.DayOfYear - 60) / 365.0));
            var trend = 0.7 + (0.3 * (day.DayNumber - firstDay.DayNumber) / totalDays);
            var count = Poisson(random, districtRate * season * trend * (working ? 1.0 : 0.2));
            for (var i = 0; i < count; i++)
            {
                applications.Add(Application(random, centres[random.Next(centres.Count)], day, working, now));
            }
        }

        NumberTokens(applications);
        return applications;
    }

    private DemoApplication Application(Random random, UnitInfo centre, DateOnly day, bool working, DateTimeOffset now)
    {
        var channel = PickChannel(random, working);
        var service = PickService(random, channel);
        var submitted = LocalInstant(day, channel == ServiceChannel.Counter ? 9 * 60 : 7 * 60, channel == ServiceChannel.Counter ? 8 * 60 : 16 * 60, random);
        var request = new ServiceRequest
        {
            Id = Guid.CreateVersion7(submitted),
            Reference = string.Empty,
            ServiceCode = service.Code,
            UnitCode = centre.Code,
            UnitPath = centre.Path,
            Channel = channel,
            Applicant = InventApplicant(random),
            ApplicantLanguage = force.Languages[random.NextDouble() < 0.7 ? 0 : random.Next(force.Languages.Count)].Code,
            SubmittedAt = submitted,
            DueAt = dueAt(submitted, service.Sla),
            FeeAmount = service.Fee,
            FeeCurrency = catalogue.Currency,
        };
        request.RecordSubmission(channel == ServiceChannel.Online ? Online : FrontDesk);
        var payment = Live(random, request, service, now);
        var token = channel == ServiceChannel.Counter ? TokenFor(random, request, day) : null;
        return new DemoApplication(request, payment, token, day.Year);
    }

    /// <summary>
    /// Moves the request along its life up to <paramref name="now"/>: most are delivered within the
    /// deadline, some late, a few rejected, returned for correction or stalled; a deadline that
    /// passed while it was open is marked breached as the escalation job would have marked it.
    /// </summary>
    private FeePayment? Live(Random random, ServiceRequest request, ServiceDefinition service, DateTimeOffset now)
    {
        var fate = random.NextDouble();
        var window = request.DueAt - request.SubmittedAt;
        var late = random.NextDouble() < 0.12;
        var span = window * (late ? 1.05 + random.NextDouble() : 0.2 + (0.75 * random.NextDouble()));
        var start = request.SubmittedAt;
        if (fate < 0.04)
        {
            // Returned for a missing paper; most come back a day or three later and go on as usual.
            var returned = start + (span * 0.1);
            start = fate < 0.012 ? DateTimeOffset.MaxValue : returned + TimeSpan.FromHours(24 + random.Next(48));
            if (!Step(request, ServiceRequestStatus.ReturnedForCorrection, FrontDesk, returned, now, "A document was unreadable (demo data).")
                || !Step(request, ServiceRequestStatus.Submitted, Online, start, now, "Corrected document sent (demo data)."))
            {
                MarkBreach(request, now);
                return null;
            }
        }

        var rejectAt = fate is >= 0.04 and < 0.11 ? 1 + random.Next(3) : 0;
        var stallAfter = fate is >= 0.11 and < 0.14 ? random.Next(4) : 4;
        var hit = service.Checks.Count > 0 && random.NextDouble() < 0.015;
        ServiceRequestStatus[] path = [ServiceRequestStatus.DocumentsChecked, ServiceRequestStatus.RecordChecked, ServiceRequestStatus.Approved, ServiceRequestStatus.Issued];
        double[] at = [0.15, 0.45, 0.75, 1.0];
        FeePayment? payment = null;
        for (var stage = 0; stage < path.Length && stage < stallAfter; stage++)
        {
            var when = start + (span * at[stage]);
            if (rejectAt == stage + 1 || (hit && path[stage] == ServiceRequestStatus.Approved))
            {
                var reason = hit ? "The record check found a match (demo data)." : "The application did not meet the service's conditions (demo data).";
                Step(request, ServiceRequestStatus.Rejected, stage >= 2 ? Sho : FrontDesk, when, now, reason);
                break;
            }

            if (path[stage] == ServiceRequestStatus.Issued && request.FeeAmount > 0)
            {
                var paidAt = when - ((when - (start + (span * at[2]))) / 2);
                if (paidAt > now)
                {
                    break;
                }

                payment = PaymentFor(request, paidAt);
            }

            if (!Step(request, path[stage], path[stage] == ServiceRequestStatus.Approved ? Sho : FrontDesk, when, now, null))
            {
                break;
            }

            if (path[stage] == ServiceRequestStatus.RecordChecked)
            {
                request.RecordCheckHit = service.Checks.Count > 0 ? hit : null;
                request.RecordCheckSummary = service.Checks.Count == 0 ? ServiceCentreNotes.RecordCheckNotNeeded
                    : hit ? "Match in police records (demo data)." : "No match in police records (demo data).";
            }
        }

        MarkBreach(request, now);
        RateIfDelivered(random, request, now);
        return payment;
    }

    /// <summary>
    /// About two applicants in three rate a delivered application within three days of delivery: those
    /// served in time mostly give 4 or 5 of 5, those served late are more often disappointed.
    /// </summary>
    private static void RateIfDelivered(Random random, ServiceRequest request, DateTimeOffset now)
    {
        if (request.Status != ServiceRequestStatus.Issued || request.ClosedAt is not { } delivered || random.NextDouble() >= 0.65)
        {
            return;
        }

        var ratedAt = delivered + TimeSpan.FromMinutes(30 + random.Next(72 * 60));
        double[] shares = delivered > request.DueAt ? [0.15, 0.2, 0.25, 0.25, 0.15] : [0.02, 0.04, 0.12, 0.37, 0.45];
        var roll = random.NextDouble();
        var rating = 1;
        var below = shares[0];
        while (roll >= below && rating < 5)
        {
            below += shares[rating];
            rating++;
        }

        if (ratedAt <= now)
        {
            request.Rate(rating, ratedAt);
        }
    }

    private static bool Step(ServiceRequest request, ServiceRequestStatus to, string actor, DateTimeOffset at, DateTimeOffset now, string? note)
    {
        if (at > now)
        {
            return false;
        }

        request.MoveTo(to, actor, at, note);
        return true;
    }

    /// <summary>The escalation job checks every minute: a deadline passed while open is marked a minute later.</summary>
    private static void MarkBreach(ServiceRequest request, DateTimeOffset now)
    {
        var marked = request.DueAt.AddMinutes(1);
        if (marked <= now && (request.ClosedAt is null || request.ClosedAt > marked))
        {
            request.BreachedAt = marked;
        }
    }

    private FeePayment PaymentFor(ServiceRequest request, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        ServiceRequestId = request.Id,
        ServiceRequestReference = string.Empty,
        Amount = request.FeeAmount,
        Currency = request.FeeCurrency,
        Method = catalogue.DefaultPaymentMethod,
        ExternalReference = catalogue.DefaultPaymentMethod == PaymentMethod.Cash ? null : $"DEMO-{request.Id.ToString("N")[^10..]}",
        ReceivedBy = FrontDesk,
        ReceivedAt = at,
        UnitPath = request.UnitPath,
    };

    /// <summary>The citizen's token: issued on arrival, called to a counter after a wait, served while the application is taken.</summary>
    private static QueueToken TokenFor(Random random, ServiceRequest request, DateOnly day)
    {
        var called = request.SubmittedAt.AddMinutes(-2 - random.Next(4));
        return new QueueToken
        {
            Id = Guid.CreateVersion7(request.SubmittedAt),
            UnitCode = request.UnitCode,
            UnitPath = request.UnitPath,
            Day = day,
            ServiceCode = request.ServiceCode,
            Status = TokenStatus.Served,
            IssuedAt = called.AddMinutes(-3 - random.Next(40)),
            CalledAt = called,
            CounterNumber = 1 + random.Next(4),
            ServedAt = request.SubmittedAt.AddMinutes(4 + random.Next(12)),
        };
    }

    /// <summary>Tokens are numbered from 1 each day at each centre, in the order they were issued.</summary>
    private static void NumberTokens(List<DemoApplication> applications)
    {
        foreach (var day in applications.Where(a => a.Token is not null).Select(a => a.Token!)
            .GroupBy(t => (t.UnitCode, t.Day)))
        {
            var number = 1;
            foreach (var token in day.OrderBy(t => t.IssuedAt))
            {
                token.Number = number++;
            }
        }
    }

    private ServiceChannel PickChannel(Random random, bool working)
    {
        var roll = random.NextDouble();
        if (!working || roll < 0.32)
        {
            return ServiceChannel.Online;
        }

        return roll > 0.97 && catalogue.All.Any(s => s.Channels.Contains("embassy")) ? ServiceChannel.Embassy : ServiceChannel.Counter;
    }

    /// <summary>The catalogue's first services are asked for most, as character certificates are.</summary>
    private ServiceDefinition PickService(Random random, ServiceChannel channel)
    {
        var name = channel.ToString().ToLowerInvariant();
        var offered = catalogue.All.Where(s => s.Channels.Count == 0 || s.Channels.Contains(name)).ToList();
        if (offered.Count == 0)
        {
            offered = [.. catalogue.All];
        }

        var weights = offered.Select((_, i) => 1.0 / (i + 1)).ToArray();
        var roll = random.NextDouble() * weights.Sum();
        for (var i = 0; i < offered.Count; i++)
        {
            roll -= weights[i];
            if (roll <= 0)
            {
                return offered[i];
            }
        }

        return offered[^1];
    }

    private Applicant InventApplicant(Random random)
    {
        var family = FamilyNames[random.Next(FamilyNames.Length)];
        var serial = random.Next(100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        return new Applicant
        {
            NationalId = InventNationalId(random),
            Name = $"Demo {GivenNames[random.Next(GivenNames.Length)]} {family}",
            ParentName = catalogue.Asks(ApplicantField.ParentName) is null ? null : $"Demo {GivenNames[random.Next(GivenNames.Length)]} {family}",
            // +999 is no country's calling code, and example.invalid no one's mail domain.
            Phone = catalogue.Asks(ApplicantField.Phone) is null ? null : $"+999{serial}",
            Email = catalogue.Asks(ApplicantField.Email) is not { Required: true } ? null : $"demo{serial}@example.invalid",
            Address = catalogue.Asks(ApplicantField.Address) is not { Required: true } ? null : $"Demo address {serial[..3]}",
        };
    }

    /// <summary>
    /// The pack's example ID with five middle digits varied, kept only if the pack's rule accepts it.
    /// The third-last digit is never 9, so no invented applicant shares an ID with the demo records.
    /// </summary>
    private string InventNationalId(Random random)
    {
        var example = force.NationalId.Normalise(force.NationalId.Example)!;
        var chars = example.ToCharArray();
        for (var i = Math.Max(0, chars.Length - 8); i < chars.Length - 3; i++)
        {
            if (char.IsAsciiDigit(chars[i]))
            {
                chars[i] = (char)('0' + random.Next(10));
            }
        }

        if (chars.Length >= 3 && chars[^3] == '9')
        {
            chars[^3] = '0';
        }

        return force.NationalId.Normalise(new string(chars)) ?? example;
    }

    private DateTimeOffset LocalInstant(DateOnly day, int fromMinute, int spanMinutes, Random random)
    {
        var local = day.ToDateTime(TimeOnly.MinValue).AddMinutes(fromMinute + random.Next(spanMinutes));
        if (force.TimeZone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, force.TimeZone), TimeSpan.Zero);
    }

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }

    /// <summary>String hashes change from process to process; this one does not.</summary>
    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }
}
