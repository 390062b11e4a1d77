using Nigehban.Web.Platform.Security;
using Shouldly;

namespace Nigehban.UnitTests.Identity;

public sealed class RolesTests
{
    [Fact]
    public void EveryRole_IsKnown_AndCanOpenTheConsole()
    {
        Roles.All.Count.ShouldBe(13);
        foreach (var role in Roles.All)
        {
            Roles.IsKnown(role).ShouldBeTrue(role);
            Roles.PermissionsOf([role]).ShouldContain(Permissions.ConsoleAccess, role);
        }
    }

    [Theory]
    [InlineData(Roles.FrontDesk, false, true)]
    [InlineData(Roles.Dpo, false, true)]
    [InlineData(Roles.Administrator, false, true)]
    [InlineData(Roles.Ig, false, false)]
    [InlineData(Roles.Auditor, false, false)]
    [InlineData(Roles.Ig, true, true)]
    [InlineData(Roles.Auditor, true, true)]
    public void Administrators_GrantOversightRoles_OnlyForceWide(string role, bool forceWide, bool mayGrant) =>
        Roles.MayGrant([Roles.Administrator], forceWide, role).ShouldBe(mayGrant);

    [Fact]
    public void Holders_GrantTheirOwnRole_AndNothingElse()
    {
        Roles.MayGrant([Roles.Auditor], callerIsForceWide: false, Roles.Auditor).ShouldBeTrue();
        Roles.MayGrant([Roles.Auditor], callerIsForceWide: true, Roles.FrontDesk).ShouldBeFalse();
    }

    [Fact]
    public void OnlyAdministrators_ManageStaff() =>
        Roles.All.Where(r => Roles.PermissionsOf([r]).Contains(Permissions.StaffManage)).ShouldBe([Roles.Administrator]);

    [Fact]
    public void OnlyAuditors_ReadTheAuditTrail() =>
        Roles.All.Where(r => Roles.PermissionsOf([r]).Contains(Permissions.AuditRead)).ShouldBe([Roles.Auditor]);

    [Fact]
    public void OnlyProtectionOfficers_WorkProtectionCases() =>
        Roles.All.Where(r => Roles.PermissionsOf([r]).Contains(Permissions.ProtectionCasesWork)).ShouldBe([Roles.ProtectionOfficer]);

    [Fact]
    public void EveryGrantedPermission_IsAConstant() =>
        Roles.PermissionsOf(Roles.All).ShouldAllBe(p => Permissions.All.Contains(p));

    [Theory]
    [InlineData("administrator")]
    [InlineData("Superintendent")]
    [InlineData("")]
    public void UnknownRoles_GrantNothing(string role)
    {
        Roles.IsKnown(role).ShouldBeFalse();
        Roles.PermissionsOf([role]).ShouldBeEmpty();
    }

    [Fact]
    public void TheShoApprovesWhatTheFrontDeskChecks_AndDoesNotCheckIt()
    {
        Roles.PermissionsOf([Roles.Sho]).ShouldContain(Permissions.ServiceRequestsApprove);
        Roles.PermissionsOf([Roles.Sho]).ShouldNotContain(Permissions.ServiceRequestsProcess);
        Roles.Granting(Permissions.ServiceRequestsProcess)[0].ShouldBe(Roles.FrontDesk);
        Roles.Granting(Permissions.ServiceRequestsApprove)[0].ShouldBe(Roles.Sho);
    }

    [Fact]
    public void SeveralRoles_GrantTheUnionOnce() =>
        Roles.PermissionsOf([Roles.FrontDesk, Roles.Sho]).ShouldBeUnique();
}
