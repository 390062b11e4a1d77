using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Metrics;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// Registrations by kind: every hotel stay once, at the hotel's station, on the local day it reached the police.
/// Terminal travellers add their own kind to the same metric (<see cref="TravellerRegistrationMetrics"/>, ADR-077).
/// </summary>
public sealed class HotelStayMetrics : MetricSource<HotelStay>
{
    public const string Registrations = "registrations";
    public const string HotelStayKind = "hotel-stay";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Registrations, "records", MetricFormat.Count, "Registrations received (hotel guests, terminal travellers).", "kind",
            Counting: "Every HotelStay once, at its station, on the local day of RegisteredAt, under kind hotel-stay; "
                + "every TravellerRegistration once, at its terminal's station, on the local day of RegisteredAt, under kind terminal-traveller."),
    ];

    protected override void Project(HotelStay stay, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        var day = LocalDay(stay.RegisteredAt, timeZone);
        facts.Add(new MetricFact(Registrations, stay.UnitCode, day, "", 1, 0));
        facts.Add(new MetricFact(Registrations, stay.UnitCode, day, HotelStayKind, 1, 0));
    }
}

/// <summary>
/// Travellers registered by transport terminals, counted under <c>registrations</c> by kind beside hotel stays:
/// the metric is defined once (by <see cref="HotelStayMetrics"/>), and a rollup row sums the facts of every
/// source that names it, on write and on rebuild alike (ADR-077).
/// </summary>
public sealed class TravellerRegistrationMetrics : MetricSource<TravellerRegistration>
{
    public const string TerminalTravellerKind = "terminal-traveller";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } = [];

    protected override void Project(TravellerRegistration traveller, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        var day = LocalDay(traveller.RegisteredAt, timeZone);
        facts.Add(new MetricFact(HotelStayMetrics.Registrations, traveller.UnitCode, day, "", 1, 0));
        facts.Add(new MetricFact(HotelStayMetrics.Registrations, traveller.UnitCode, day, TerminalTravellerKind, 1, 0));
    }
}

/// <summary>
/// Tenants registered, by channel (landlord online, front desk), at the property's station on the local day
/// of registration; those registered after the pack's time from moving in, apart. A metric of its own
/// beside <c>registrations</c>: the catalogue gives each metric one entity (ADR-065).
/// </summary>
public sealed class TenantRegistrationMetrics : MetricSource<TenantRegistration>
{
    public const string Registered = "tenant_registrations";
    public const string Late = "tenant_registrations_late";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Registered, "records", MetricFormat.Count, "Tenants registered, by landlords online or at station front desks.", "channel",
            Counting: "Every TenantRegistration once, at its station, on the local day of RegisteredAt, by Channel (Landlord, Desk)."),
        new(Late, "records", MetricFormat.Count, "Tenants registered later than the pack's time from moving in.", "channel",
            Counting: "TenantRegistrations with RegisteredLate, at their station, on the local day of RegisteredAt, by Channel."),
    ];

    protected override void Project(TenantRegistration tenant, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        var day = LocalDay(tenant.RegisteredAt, timeZone);
        var channel = tenant.Channel.ToString();
        facts.Add(new MetricFact(Registered, tenant.UnitCode, day, "", 1, 0));
        facts.Add(new MetricFact(Registered, tenant.UnitCode, day, channel, 1, 0));
        if (tenant.RegisteredLate)
        {
            facts.Add(new MetricFact(Late, tenant.UnitCode, day, "", 1, 0));
            facts.Add(new MetricFact(Late, tenant.UnitCode, day, channel, 1, 0));
        }
    }
}

/// <summary>
/// Alerts raised by registrations, by the watchlist that matched (an alert metric: each one reaches the
/// dashboards of the station's chain of command live), and the share acknowledged within the pack's
/// deadline, counted on the day of acknowledgement (an open alert changes no row as it grows late, so
/// it is counted once acknowledged; the inbox shows it overdue meanwhile).
/// </summary>
public sealed class RegistrationAlertMetrics : MetricSource<RegistrationAlert>
{
    public const string Raised = "registration_alerts";
    public const string InTime = "registration_alerts_acknowledged_in_time_percent";
    public const string Escalated = "registration_alerts_escalated";

    public override IReadOnlyList<MetricDefinition> Metrics { get; } =
    [
        new(Raised, "records", MetricFormat.Count, "Registrations that matched a watchlist (a wanted person checked in).", "source", Alert: true,
            Counting: "Every RegistrationAlert once, at the station of the place, on the local day of RaisedAt, by Source (proclaimed-offender, wanted-on-record)."),
        new(InTime, "records", MetricFormat.Percent, "Share of registration alerts acknowledged within the pack's deadline.", "source",
            Counting: "Over alerts with AcknowledgedAt, on that local day: 100 × those with AcknowledgedAt <= DueAt ÷ all."),
        new(Escalated, "records", MetricFormat.Count, "Registration alerts left unacknowledged past the deadline and escalated to the next unit up.", "source", Alert: true,
            Counting: "RegistrationAlerts with EscalatedAt, at the station of the place, on the local day of EscalatedAt, by Source."),
    ];

    protected override void Project(RegistrationAlert alert, TimeZoneInfo timeZone, ICollection<MetricFact> facts)
    {
        var day = LocalDay(alert.RaisedAt, timeZone);
        facts.Add(new MetricFact(Raised, alert.UnitCode, day, "", 1, 0));
        facts.Add(new MetricFact(Raised, alert.UnitCode, day, alert.Source, 1, 0));
        if (alert.AcknowledgedAt is { } acknowledged)
        {
            var inTime = StoredTicks(acknowledged) <= StoredTicks(alert.DueAt) ? 1 : 0;
            var ackDay = LocalDay(acknowledged, timeZone);
            facts.Add(new MetricFact(InTime, alert.UnitCode, ackDay, "", 1, inTime));
            facts.Add(new MetricFact(InTime, alert.UnitCode, ackDay, alert.Source, 1, inTime));
        }

        if (alert.EscalatedAt is { } escalated)
        {
            var escalationDay = LocalDay(escalated, timeZone);
            facts.Add(new MetricFact(Escalated, alert.UnitCode, escalationDay, "", 1, 0));
            facts.Add(new MetricFact(Escalated, alert.UnitCode, escalationDay, alert.Source, 1, 0));
        }
    }

    protected override string? ReferenceOf(RegistrationAlert entity) => entity.Id.ToString();

    public override IQueryable<MetricRecord>? RecordsOf(NigehbanDbContext db, string metric, string? dimension, string unitPath, DateTimeOffset from, DateTimeOffset to)
    {
        if (metric != Raised)
        {
            return null;
        }

        var alerts = db.Set<RegistrationAlert>().AsNoTracking().Where(a => a.UnitPath.StartsWith(unitPath) && a.RaisedAt >= from && a.RaisedAt < to);
        if (!string.IsNullOrEmpty(dimension))
        {
            alerts = alerts.Where(a => a.Source == dimension);
        }

        return alerts.Select(a => new MetricRecord
        {
            Reference = a.Id.ToString(), UnitCode = a.UnitCode, Dimension = a.Source,
            Status = a.AcknowledgedAt == null ? "Open" : "Acknowledged", At = a.RaisedAt,
        });
    }

    public override bool ListsRecordsOf(string metric) => metric == Raised;

    public override string? RecordPage(string reference) => $"/console/registration-alerts/{reference}";
}
