using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.Dashboard;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using Shouldly;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>
/// A group commit's new rows go in as one array insert per table on PostgreSQL (ADR-017). What is
/// stored must be exactly what EF stores: every column, the owned applicant in the same row, the
/// timeline after its application, converted values (statuses as text, instants, amounts), nulls,
/// and the audit events. On SQLite EF writes them, and the same comparison holds trivially.
/// </summary>
public abstract class ArrayInsertTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 30, 15, 123, 456, TimeSpan.Zero);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task NewRows_SavedAsArrays_AreStoredAsEFStoresThem(bool everyOptionalFieldSet)
    {
        var nationalId = NewCnic(); // the same for both: the comparison covers every applicant column
        var byEf = Build(everyOptionalFieldSet, nationalId);
        var byArrays = Build(everyOptionalFieldSet, nationalId);

        await SaveAsync(db => db.SaveChangesAsync(Ct), byEf.Request, byEf.Sms);
        var statements = await SaveAsync(db => db.SaveNewRowsAsync(Ct), byArrays.Request, byArrays.Sms);

        // The array insert is PostgreSQL's; SQLite's rows go through EF.
        statements.ShouldBe(app.Provider == DatabaseProvider.Postgres ? 3 : 0);
        var stored = await app.WithDbAsync(db => db.Set<ServiceRequest>().AsNoTracking().Include(r => r.Steps)
            .Where(r => r.Id == byEf.Request.Id || r.Id == byArrays.Request.Id).ToListAsync(Ct));
        stored.Count.ShouldBe(2);
        var ef = stored.Single(r => r.Id == byEf.Request.Id);
        var arrays = stored.Single(r => r.Id == byArrays.Request.Id);
        Shape(arrays, nameof(ServiceRequest.Id), nameof(ServiceRequest.Reference), nameof(ServiceRequest.IdempotencyKey), nameof(ServiceRequest.Steps))
            .ShouldBe(Shape(ef, nameof(ServiceRequest.Id), nameof(ServiceRequest.Reference), nameof(ServiceRequest.IdempotencyKey), nameof(ServiceRequest.Steps)));
        arrays.Reference.ShouldBe(byArrays.Request.Reference);
        arrays.IdempotencyKey.ShouldBe(byArrays.Request.IdempotencyKey);
        arrays.Steps.Count.ShouldBe(2);
        arrays.Steps.OrderBy(s => s.At).Select(s => Shape(s, nameof(ServiceRequestStep.Id), nameof(ServiceRequestStep.ServiceRequestId)))
            .ShouldBe(ef.Steps.OrderBy(s => s.At).Select(s => Shape(s, nameof(ServiceRequestStep.Id), nameof(ServiceRequestStep.ServiceRequestId))));

        var messages = await app.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Id == byEf.Sms.Id || m.Id == byArrays.Sms.Id).ToListAsync(Ct));
        Shape(messages.Single(m => m.Id == byArrays.Sms.Id), nameof(OutboxMessage.Id), nameof(OutboxMessage.Recipient))
            .ShouldBe(Shape(messages.Single(m => m.Id == byEf.Sms.Id), nameof(OutboxMessage.Id), nameof(OutboxMessage.Recipient)));

        // The same audit events, each naming its own object.
        var efEvents = await EventsOfAsync(byEf.Request);
        var arrayEvents = await EventsOfAsync(byArrays.Request);
        arrayEvents.ShouldBe(efEvents);
        arrayEvents.ShouldContain("ServiceRequest.created");
    }

    [Fact]
    public async Task ASaveThatChangesAStoredRow_IsLeftToEF()
    {
        var stored = Build(everyOptionalFieldSet: false, NewCnic());
        await SaveAsync(db => db.SaveChangesAsync(Ct), stored.Request, stored.Sms);

        await app.WithDbAsync(async db =>
        {
            var request = await db.Set<ServiceRequest>().SingleAsync(r => r.Id == stored.Request.Id, Ct);
            request.RecordCheckSummary = "no record";
            db.Add(Build(everyOptionalFieldSet: false, NewCnic()).Request);
            await db.Database.OpenConnectionAsync(Ct);

            ArrayInsert.ForNewRows(db, db.Database.GetDbConnection(), out _).ShouldBeNull();
            await db.SaveNewRowsAsync(Ct);
        });
        (await app.WithDbAsync(d => d.Set<ServiceRequest>().Where(r => r.Id == stored.Request.Id).Select(r => r.RecordCheckSummary).SingleAsync(Ct)))
            .ShouldBe("no record");
    }

    [Fact]
    public async Task ASave_TurnsChangeDetectionBackOn_AfterSucceedingAndAfterFailing_SoALaterEditIsWritten()
    {
        // A save detects changes once and turns automatic detection off for the rest of it (ADR-020);
        // the context must detect again afterwards, whatever happened.
        var first = Build(everyOptionalFieldSet: false, NewCnic());
        await app.WithDbAsync(async db =>
        {
            db.Add(first.Request);
            db.Add(first.Sms);
            await db.SaveChangesAsync(Ct);
            db.ChangeTracker.AutoDetectChangesEnabled.ShouldBeTrue();

            first.Request.RecordCheckSummary = "edited after the first save";
            await db.SaveChangesAsync(Ct);

            var clash = Build(everyOptionalFieldSet: false, NewCnic()).Request;
            clash.Reference = first.Request.Reference; // refused by the reference's unique index
            db.Add(clash);
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
            db.ChangeTracker.AutoDetectChangesEnabled.ShouldBeTrue();
        });

        (await app.WithDbAsync(db => db.Set<ServiceRequest>().Where(r => r.Id == first.Request.Id).Select(r => r.RecordCheckSummary).SingleAsync(Ct)))
            .ShouldBe("edited after the first save");
    }

    [Fact]
    public async Task ASaveOfMoreAuditEventsThanOneInsertTakes_WritesEveryEvent_AndEveryRollup()
    {
        // Days no other test writes: one application alone, then 300 in one save. 300 applications
        // with two steps each are 900 audit events, two audit inserts of at most 500; the rollups go
        // with the last of them (ADR-018).
        var alone = new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
        var together = new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);
        // Due long after today: 300 overdue applications in a shared station would crowd other tests'
        // overdue queues and keep the SLA sweeper busy.
        ServiceRequest NotYetDue(DateTimeOffset at)
        {
            var request = Build(everyOptionalFieldSet: false, NewCnic(), at).Request;
            request.DueAt = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
            return request;
        }

        var one = NotYetDue(alone);
        var many = Enumerable.Range(0, 300).Select(_ => NotYetDue(together)).ToList();

        foreach (var batch in new[] { [one], many })
        {
            await app.WithDbAsync(async db =>
            {
                db.AddRange(batch);
                await db.Database.OpenConnectionAsync(Ct);
                (await db.SaveNewRowsAsync(Ct)).ShouldBe(batch.Count * 3); // each application and its two steps
            });
        }

        var eventsOfOne = (await EventsOfAsync(one)).Count;
        eventsOfOne.ShouldBeGreaterThanOrEqualTo(3);
        var ids = many.SelectMany(r => r.Steps.Select(s => s.Id.ToString()).Prepend(r.Id.ToString())).ToList();
        (await app.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => ids.Contains(e.ObjectId!), Ct)))
            .ShouldBe(300 * eventsOfOne);
        var countedForOne = await DailyCountsAroundAsync(alone);
        countedForOne.ShouldBeGreaterThan(0);
        (await DailyCountsAroundAsync(together)).ShouldBe(300 * countedForOne);
    }

    /// <summary>The sum of every daily rollup count within a month after <paramref name="day"/>.</summary>
    private Task<long> DailyCountsAroundAsync(DateTimeOffset day)
    {
        var from = DateOnly.FromDateTime(day.UtcDateTime.AddDays(-1));
        var to = from.AddDays(32);
        return app.WithDbAsync(db => db.Set<DashboardRollup>()
            .Where(r => r.Period == RollupPeriod.Day && r.PeriodStart >= from && r.PeriodStart <= to).SumAsync(r => r.Count, Ct));
    }

    /// <summary>Saves the entities in a context of their own; returns the array statements it would take (0: EF writes them).</summary>
    private Task<int> SaveAsync(Func<NigehbanDbContext, Task<int>> save, ServiceRequest request, OutboxMessage sms) =>
        app.WithDbAsync(async db =>
        {
            db.Add(request);
            db.Add(sms);
            await db.Database.OpenConnectionAsync(Ct);
            var statements = ArrayInsert.ForNewRows(db, db.Database.GetDbConnection(), out var rows)?.Count ?? 0;
            if (statements > 0)
            {
                rows.ShouldBe(4); // the application (its applicant in its row), its two steps and its SMS
            }

            (await save(db)).ShouldBe(4); // the rows written, counted alike by EF and the array insert
            return statements;
        });

    private Task<List<string>> EventsOfAsync(ServiceRequest request)
    {
        var ids = request.Steps.Select(s => s.Id.ToString()).Prepend(request.Id.ToString()).ToList();
        return app.WithDbAsync(db => db.Set<AuditEvent>().Where(e => ids.Contains(e.ObjectId!)).OrderBy(e => e.Action)
            .Select(e => e.Action).ToListAsync(Ct));
    }

    /// <summary>An application two steps along, built the same way each time but for its ids and reference.</summary>
    private (ServiceRequest Request, OutboxMessage Sms) Build(bool everyOptionalFieldSet, string nationalId, DateTimeOffset? at = null)
    {
        var now = at ?? Now;
        var unit = app.Services.GetRequiredService<UnitDirectory>().Find("LHR-PS01")!;
        var request = new ServiceRequest
        {
            Id = Guid.CreateVersion7(),
            Reference = $"AI-{Guid.NewGuid():N}"[..24],
            ServiceCode = "character-certificate",
            UnitCode = unit.Code,
            UnitPath = unit.Path,
            Channel = ServiceChannel.Counter,
            Applicant = new Applicant
            {
                NationalId = nationalId,
                Name = "Test Applicant",
                ParentName = everyOptionalFieldSet ? "Test Father" : null,
                Phone = everyOptionalFieldSet ? "+923001234567" : null,
                Email = everyOptionalFieldSet ? "applicant@example.test" : null,
                Address = everyOptionalFieldSet ? "House 1, Test Street" : null,
            },
            DetailsJson = everyOptionalFieldSet ? """{"purpose":"employment abroad"}""" : null,
            SubmittedAt = now,
            DueAt = now.AddDays(7),
            BreachedAt = everyOptionalFieldSet ? now.AddDays(8) : null,
            FeeAmount = 500.25m,
            FeeCurrency = "PKR",
            RecordCheckSummary = everyOptionalFieldSet ? "no record" : null,
            RecordCheckHit = everyOptionalFieldSet ? false : null,
            IdempotencyKey = everyOptionalFieldSet ? Guid.NewGuid().ToString() : null,
            Version = 3,
        };
        request.RecordSubmission("test");
        // A private setter (the status) and a second step, after the first.
        request.MoveTo(ServiceRequestStatus.DocumentsChecked, "desk", now.AddMinutes(5), everyOptionalFieldSet ? "all present" : null);
        var sms = OutboxMessage.Create(OutboxKinds.Sms, NewPhone(), new { text = "Received" }, now);
        // Never due, so the app's own dispatcher cannot deliver one of the pair while they are compared
        // (it once did, between the save and the read); the first case fills every delivery column.
        if (everyOptionalFieldSet)
        {
            sms.Attempts = 2;
            sms.NextAttemptAt = null;
            sms.DeliveredAt = now.AddMinutes(1);
            sms.LastError = "gateway timed out";
        }
        else
        {
            sms.NextAttemptAt = now.AddYears(100);
        }

        return (request, sms);
    }

    /// <summary>Every public property's stored value but <paramref name="except"/>, as JSON, so a difference names its property.</summary>
    private static string Shape(object entity, params string[] except) =>
        JsonSerializer.Serialize(entity.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => !except.Contains(p.Name) && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.Name)
            .ToDictionary(p => p.Name, p => p.GetValue(entity)));
}

public sealed class ArrayInsertTests_Sqlite(SqliteApp app) : ArrayInsertTests(app);

public sealed class ArrayInsertTests_Postgres(PostgresApp app) : ArrayInsertTests(app);
