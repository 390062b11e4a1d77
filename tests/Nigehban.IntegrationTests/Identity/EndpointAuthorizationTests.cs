using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Nigehban.IntegrationTests.Infrastructure;
using Nigehban.Web.Platform.Security;
using Shouldly;

namespace Nigehban.IntegrationTests.Identity;

/// <summary>
/// Every endpoint says who may call it: a permission policy, or an explicit anonymous marker.
/// An endpoint that says neither would be open by accident (there is no fallback policy), so the
/// build fails here instead. Endpoint metadata does not depend on the database provider.
/// </summary>
public sealed class EndpointAuthorizationTests(SqliteApp app)
{
    [Fact]
    public void EveryEndpoint_DeclaresPermissionPolicyOrAllowAnonymous()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        endpoints.Count.ShouldBeGreaterThan(10);

        var undeclared = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && !HasPermissionPolicy(e))
            .Select(Describe)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        undeclared.ShouldBeEmpty(
            "These endpoints have neither RequireAuthorization(Permissions.X) nor AllowAnonymous():\n  " + string.Join("\n  ", undeclared));
    }

    [Fact]
    public void EndpointPolicies_NameKnownPermissions()
    {
        var unknown = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => (Endpoint: e, a.Policy)))
            .Where(x => x.Policy is not null && !Permissions.All.Contains(x.Policy))
            .Select(x => $"{Describe(x.Endpoint)} -> '{x.Policy}'")
            .ToList();

        unknown.ShouldBeEmpty("Policies must be permission constants:\n  " + string.Join("\n  ", unknown));
    }

    [Fact]
    public void StaffAdministrationEndpoints_RequireStaffManage()
    {
        var staff = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1/staff", StringComparison.Ordinal) == true)
            .ToList();

        staff.Count.ShouldBeGreaterThanOrEqualTo(7);
        staff.ShouldAllBe(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Permissions.StaffManage)
            && e.Metadata.GetMetadata<IAllowAnonymous>() == null);
    }

    [Fact]
    public void ComponentPages_AreAnonymousOnlyWhenTheirComponentSaysSo()
    {
        // The UI marks framework endpoints anonymous; a page must never pick that marker up by accident.
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Component: e.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type))
            .Where(x => x.Component is not null)
            .ToList();

        pages.ShouldNotBeEmpty();
        var wrong = pages
            .Where(x => (x.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
                != x.Component!.IsDefined(typeof(AllowAnonymousAttribute), inherit: true))
            .Select(x => Describe(x.Endpoint))
            .ToList();
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void APolicyThatRequiresNoPermission_DoesNotCount()
    {
        // What the check above must refuse: signed in is not a permission, nor is any other claim.
        HasPermissionPolicy(EndpointWith(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())).ShouldBeFalse();
        HasPermissionPolicy(EndpointWith(new AuthorizationPolicyBuilder().RequireClaim("role", "Administrator").Build())).ShouldBeFalse();
        HasPermissionPolicy(EndpointWith(new AuthorizationPolicyBuilder().RequireClaim(NigehbanClaims.Permission, "anything.at-all").Build())).ShouldBeFalse();
        HasPermissionPolicy(EndpointWith(new AuthorizeAttribute("SomePolicy"))).ShouldBeFalse();
        HasPermissionPolicy(EndpointWith(new AuthorizationPolicyBuilder().RequireClaim(NigehbanClaims.Permission, Permissions.StaffManage).Build())).ShouldBeTrue();
        HasPermissionPolicy(EndpointWith(new AuthorizeAttribute(Permissions.StaffManage))).ShouldBeTrue();
    }

    /// <summary>
    /// A named policy that is a permission, or a policy object built for the endpoint that requires
    /// a permission claim with known permissions only. Any other policy (signed in, a role) is not one.
    /// </summary>
    private static bool HasPermissionPolicy(Endpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null && Permissions.All.Contains(a.Policy))
        || endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>().Any(RequiresAPermission);

    private static bool RequiresAPermission(AuthorizationPolicy policy) =>
        policy.Requirements.OfType<ClaimsAuthorizationRequirement>().Any(r => r.ClaimType == NigehbanClaims.Permission
            && r.AllowedValues is { } values && values.Any() && values.All(Permissions.All.Contains));

    private static RouteEndpoint EndpointWith(object authorization) =>
        new(_ => Task.CompletedTask, RoutePatternFactory.Parse("/test"), 0, new EndpointMetadataCollection(authorization), "test");

    private static string Describe(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
        return $"{(methods is null ? "*" : string.Join(",", methods))} {endpoint.RoutePattern.RawText} ({endpoint.DisplayName})";
    }
}
