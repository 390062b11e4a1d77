using System.Net;
using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Platform.Audit;
using Nigehban.Web.Platform.Security;
using Nigehban.Web.Platform.Data;
using Shouldly;

namespace Nigehban.IntegrationTests.Platform;

/// <summary>Anonymous endpoints are limited per client address; the refusal is a ProblemDetails with Retry-After.</summary>
public sealed class RateLimitingTests
{
    [Fact]
    public async Task AnonymousEndpoint_Returns429ProblemDetails_AfterPermitIsUsed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await ConfiguredApp.StartAsync(DatabaseProvider.Sqlite, settings: [("Demo:Seed", "false"), ("RateLimiting:AnonymousPermitPerMinute", "3")]);
        var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/api/v1/units", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var refused = await client.GetAsync("/api/v1/units", ct);

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        // Health probes are not rate limited: a busy portal must not look dead to the load balancer.
        (await client.GetAsync("/health/live", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnonymousDenials_PastTheLimit_Get429_AndOneThrottledEventInsteadOfARowEach()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = await ConfiguredApp.StartAsync(DatabaseProvider.Sqlite, settings: [("Demo:Seed", "false"), ("RateLimiting:AnonymousPermitPerMinute", "3")]);
        var client = app.CreateClient();
        var path = $"/api/v1/staff/{Guid.NewGuid()}";

        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync(path, ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        for (var i = 0; i < 5; i++)
        {
            var refused = await client.GetAsync(path, ct);
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
            refused.Headers.RetryAfter.ShouldNotBeNull();
        }

        var actions = await app.WithDbAsync(db => db.Set<AuditEvent>().AsNoTracking()
            .Where(e => e.Action == AuditDeniedAccess.Action || e.Action == AuditDeniedAccess.ThrottledAction)
            .Select(e => new { e.Action, e.ObjectId })
            .ToListAsync(ct));
        actions.Count(a => a.Action == AuditDeniedAccess.Action && a.ObjectId == path).ShouldBe(3);
        actions.Count(a => a.Action == AuditDeniedAccess.ThrottledAction).ShouldBe(1);
    }
}
