using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Security;
using Shouldly;

namespace Nigehban.UnitTests.Identity;

public sealed class JurisdictionScopeTests
{
    private const string StationPath = "/PB/RGN-LHR/LHR/LHR-PS01/";

    private static JurisdictionScope ScopeFor(ClaimsPrincipal principal) =>
        new(new CurrentUser(new HttpContextAccessor { HttpContext = new DefaultHttpContext { User = principal } }));

    private static ClaimsPrincipal Staff(string unitPath) =>
        new(new ClaimsIdentity([new Claim(NigehbanClaims.UnitPath, unitPath), new Claim(ClaimTypes.Name, "officer")], "test"));

    [Fact]
    public void Anonymous_SeesNothing()
    {
        var scope = ScopeFor(new ClaimsPrincipal(new ClaimsIdentity()));

        scope.PathPrefix.ShouldBe(JurisdictionScope.Nothing);
        StationPath.StartsWith(scope.PathPrefix, StringComparison.Ordinal).ShouldBeFalse();
        "/".StartsWith(scope.PathPrefix, StringComparison.Ordinal).ShouldBeFalse();
    }

    [Fact]
    public void NoHttpContext_SeesNothing() =>
        new JurisdictionScope(new CurrentUser(new HttpContextAccessor())).PathPrefix.ShouldBe(JurisdictionScope.Nothing);

    [Fact]
    public void Staff_SeesTheirHomeUnitsSubtree() => ScopeFor(Staff(StationPath)).PathPrefix.ShouldBe(StationPath);

    [Theory]
    [InlineData("/PB/", true)]
    [InlineData("/PB/RGN-LHR/", false)]
    [InlineData(StationPath, false)]
    public void OnlyTheRootUnit_IsForceWide(string unitPath, bool forceWide) =>
        ScopeFor(Staff(unitPath)).IsForceWide.ShouldBe(forceWide);

    [Fact]
    public void SystemWork_IsForceWide_AndAnonymousIsNot()
    {
        var scope = ScopeFor(new ClaimsPrincipal(new ClaimsIdentity()));
        scope.IsForceWide.ShouldBeFalse();
        scope.Unrestricted("test");
        scope.IsForceWide.ShouldBeTrue();
    }

    [Fact]
    public void CircuitPrincipal_TakesPrecedenceOverHttpContext()
    {
        var user = new CurrentUser(new HttpContextAccessor());
        user.UseCircuitPrincipal(Staff("/PB/RGN-LHR/"));

        new JurisdictionScope(user).PathPrefix.ShouldBe("/PB/RGN-LHR/");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Unrestricted_RequiresAReason(string reason)
    {
        var scope = ScopeFor(new ClaimsPrincipal());

        Should.Throw<ArgumentException>(() => scope.Unrestricted(reason));
        scope.PathPrefix.ShouldBe(JurisdictionScope.Nothing);
    }

    [Fact]
    public void Unrestricted_WithAReason_SeesTheWholeForce()
    {
        var scope = ScopeFor(Staff(StationPath));

        scope.Unrestricted("nightly SLA sweep");

        scope.PathPrefix.ShouldBe("/");
    }

    [Fact]
    public void LimitTo_NarrowsWithinTheScope()
    {
        var scope = ScopeFor(Staff("/PB/RGN-LHR/"));

        scope.LimitTo("/PB/RGN-LHR/LHR/");

        scope.PathPrefix.ShouldBe("/PB/RGN-LHR/LHR/");
    }

    [Theory]
    [InlineData("/PB/RGN-MLT/")]
    [InlineData("/PB/")]
    [InlineData("/")]
    public void LimitTo_CannotWiden_OrLeaveTheScope(string path)
    {
        var scope = ScopeFor(Staff("/PB/RGN-LHR/"));

        Should.Throw<NotFoundException>(() => scope.LimitTo(path));
        scope.PathPrefix.ShouldBe("/PB/RGN-LHR/");
    }

    [Fact]
    public void LimitTo_RejectsPartialPaths_ThatWouldMatchSiblings() =>
        Should.Throw<ArgumentException>(() => ScopeFor(Staff("/PB/")).LimitTo("/PB/LHR"));

    [Fact]
    public void LimitTo_GivesAnonymousNothing() =>
        Should.Throw<NotFoundException>(() => ScopeFor(new ClaimsPrincipal()).LimitTo(StationPath));
}
