using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Features.ServiceCentres;
using Nigehban.Web.Platform.Units;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Outbox;
using Shouldly;
using static Nigehban.IntegrationTests.ServiceCentres.ServiceCentreFixtures;

namespace Nigehban.IntegrationTests.ServiceCentres;

/// <summary>
/// Concurrent submissions share a transaction (ADR-014). These pin what a member of a group must
/// keep of a save of its own: its rows, its SMS and audit events naming its own actor, written
/// once; and what a group must not do: write anything when one of its members is refused.
/// </summary>
public abstract class SubmissionGroupCommitTests(NigehbanApp app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object WithPhone(string nationalId, string phone, string? channel = null) => new
    {
        serviceCode = "character-certificate",
        unit = "LHR-PS01",
        channel,
        applicant = new { nationalId, name = "Test Applicant", parentName = "Test Father", phone, address = "House 1, Test Street" },
    };

    [Fact]
    public async Task ConcurrentSubmissions_AreEachStoredOnce_WithTheirOwnSmsAndAuditActor()
    {
        var desk = await app.SignInAsync("frontdesk");
        var citizen = app.CreateClient();
        var phones = Enumerable.Range(0, 32).Select(_ => NewPhone()).ToArray();

        // Every fourth is taken at a counter by the front desk, the others online by citizens, all at once.
        var answers = await Task.WhenAll(phones.Select((phone, i) => Task.Run(async () =>
        {
            var byStaff = i % 4 == 0;
            var answer = await SubmitAsync(byStaff ? desk : citizen, WithPhone(NewCnic(), phone, byStaff ? "counter" : null));
            return (Phone: phone, ByStaff: byStaff, Reference: answer.GetProperty("reference").GetString()!);
        }, Ct)));

        answers.Select(a => a.Reference).Distinct().Count().ShouldBe(phones.Length);
        var references = answers.Select(a => a.Reference).ToList();
        var stored = await app.WithDbAsync(db => db.Set<ServiceRequest>().Where(r => references.Contains(r.Reference))
            .Select(r => new { r.Id, r.Reference, r.Applicant.Phone, StepIds = r.Steps.Select(s => s.Id).ToList(), StepActors = r.Steps.Select(s => s.Actor).ToList() }).ToListAsync(Ct));
        stored.Count.ShouldBe(phones.Length);
        var sms = await app.WithDbAsync(db => db.Set<OutboxMessage>().Where(m => phones.Contains(m.Recipient)).Select(m => m.Recipient).ToListAsync(Ct));
        sms.Order().ShouldBe(phones.Order());

        var objectIds = stored.SelectMany(r => r.StepIds.Prepend(r.Id)).Select(id => id.ToString()).ToList();
        var events = await app.WithDbAsync(db => db.Set<AuditEvent>()
            .Where(e => objectIds.Contains(e.ObjectId!) && e.Action.EndsWith(".created"))
            .Select(e => new { e.ObjectId, e.Action, e.ActorId, e.ActorName }).ToListAsync(Ct));
        foreach (var application in stored)
        {
            var byStaff = answers.Single(a => a.Reference == application.Reference).ByStaff;
            // The timeline names who took the application, as the audit does.
            application.StepActors.ShouldBe([byStaff ? "frontdesk" : "citizen (online)"], application.Reference);
            var own = events.Where(e => e.ObjectId == application.Id.ToString() || application.StepIds.Any(s => s.ToString() == e.ObjectId)).ToList();
            string.Join(",", own.Select(e => e.Action).Order()).ShouldBe("ServiceRequest.created,ServiceRequestStep.created", application.Reference);
            foreach (var e in own)
            {
                e.ActorName.ShouldBe(byStaff ? "frontdesk" : "anonymous", $"{e.Action} of {application.Reference}");
                (e.ActorId is not null).ShouldBe(byStaff, $"{e.Action} of {application.Reference}");
            }
        }
    }

    [Fact]
    public async Task ConcurrentReplays_AmongOtherSubmissions_AnswerTheFirstResponse_AndEveryOtherIsStored()
    {
        var citizen = app.CreateClient();
        var keys = new[] { Guid.NewGuid().ToString(), Guid.NewGuid().ToString() };
        var replayed = keys.ToDictionary(k => k, _ => WithPhone(NewCnic(), NewPhone()));
        var distinct = Enumerable.Range(0, 20).Select(_ => (Key: Guid.NewGuid().ToString(), Body: WithPhone(NewCnic(), NewPhone()))).ToList();
        var sends = distinct.Concat(keys.SelectMany(k => Enumerable.Repeat((Key: k, Body: replayed[k]), 5))).OrderBy(_ => Random.Shared.Next()).ToList();

        var answers = await Task.WhenAll(sends.Select(s => Task.Run(async () =>
            (s.Key, Reference: (await SubmitAsync(citizen, s.Body, s.Key)).GetProperty("reference").GetString()!), Ct)));

        foreach (var key in keys)
        {
            answers.Where(a => a.Key == key).Select(a => a.Reference).Distinct().Count().ShouldBe(1);
        }

        var allKeys = sends.Select(s => s.Key).Distinct().ToList();
        var rows = await app.WithDbAsync(db => db.Set<ServiceRequest>().Where(r => allKeys.Contains(r.IdempotencyKey!))
            .Select(r => new { r.IdempotencyKey, r.Reference }).ToListAsync(Ct));
        rows.Count.ShouldBe(allKeys.Count);
        foreach (var (key, reference) in answers)
        {
            rows.Single(r => r.IdempotencyKey == key).Reference.ShouldBe(reference);
        }
    }

    [Fact]
    public async Task AGroup_SavesEveryMember_WithItsOwnActorAndAddress()
    {
        var groupCommit = app.Services.GetRequiredService<GroupCommit>();
        var members = Enumerable.Range(0, 3).Select(i => (
            Actor: new AuditActor(Guid.NewGuid(), $"officer-{i}", $"10.0.0.{i + 1}"),
            Request: NewRequest($"GC-{Guid.NewGuid():N}"[..24]))).ToList();
        var group = members.Select(m => new GroupCommit.PendingWrite(m.Actor, db => db.Add(m.Request.Copy()))).ToList();

        await groupCommit.WriteGroupAsync(group);

        foreach (var member in group)
        {
            (await member.Done.Task).ShouldBeTrue();
        }

        var ids = members.Select(m => m.Request.Id.ToString()).ToList();
        var events = await app.WithDbAsync(db => db.Set<AuditEvent>().Where(e => ids.Contains(e.ObjectId!) && e.Action == "ServiceRequest.created")
            .Select(e => new { e.ObjectId, e.ActorId, e.ActorName, e.IpAddress }).ToListAsync(Ct));
        events.Count.ShouldBe(members.Count);
        foreach (var (actor, request) in members)
        {
            var e = events.Single(e => e.ObjectId == request.Id.ToString());
            (e.ActorId, e.ActorName, e.IpAddress).ShouldBe((actor.Id, actor.Name, actor.IpAddress));
        }
    }

    [Fact]
    public async Task AGroup_WithARefusedMember_WritesNothing_AndTellsEveryMemberToSaveAlone()
    {
        var taken = (await SubmitAsync(app.CreateClient(), Application(NewCnic()))).GetProperty("reference").GetString()!;
        var groupCommit = app.Services.GetRequiredService<GroupCommit>();
        var good = NewRequest($"GC-{Guid.NewGuid():N}"[..24]);
        var refused = NewRequest(taken); // the reference's unique index refuses it
        var actor = new AuditActor(null, AuditTrail.Anonymous, null);
        var group = new[] { good, refused }.Select(r => new GroupCommit.PendingWrite(actor, db => db.Add(r.Copy()))).ToList();

        await groupCommit.WriteGroupAsync(group);

        foreach (var member in group)
        {
            (await member.Done.Task).ShouldBeFalse();
        }

        (await app.WithDbAsync(db => db.Set<ServiceRequest>().CountAsync(r => r.Id == good.Id || r.Id == refused.Id, Ct))).ShouldBe(0);
        var goodId = good.Id.ToString();
        (await app.WithDbAsync(db => db.Set<AuditEvent>().CountAsync(e => e.ObjectId == goodId, Ct))).ShouldBe(0);
    }

    /// <summary>An application built directly, its unit and path as the directory has them; <see cref="ServiceRequestCopy.Copy"/> gives each stage fresh objects.</summary>
    private ServiceRequestCopy NewRequest(string reference)
    {
        var unit = app.Services.GetRequiredService<UnitDirectory>().Find("LHR-PS01")!;
        return new ServiceRequestCopy(Guid.CreateVersion7(), reference, unit.Code, unit.Path);
    }

    private sealed record ServiceRequestCopy(Guid Id, string Reference, string UnitCode, string UnitPath)
    {
        public ServiceRequest Copy()
        {
            var request = new ServiceRequest
            {
                Id = Id,
                Reference = Reference,
                ServiceCode = "character-certificate",
                UnitCode = UnitCode,
                UnitPath = UnitPath,
                Channel = ServiceChannel.Online,
                Applicant = new Applicant { NationalId = NewCnic(), Name = "Test Applicant" },
                SubmittedAt = DateTimeOffset.UtcNow,
                DueAt = DateTimeOffset.UtcNow.AddDays(7),
                FeeAmount = 500,
                FeeCurrency = "PKR",
            };
            request.RecordSubmission("test");
            return request;
        }
    }
}

public sealed class SubmissionGroupCommitTests_Sqlite(SqliteApp app) : SubmissionGroupCommitTests(app);

public sealed class SubmissionGroupCommitTests_Postgres(PostgresApp app) : SubmissionGroupCommitTests(app);
