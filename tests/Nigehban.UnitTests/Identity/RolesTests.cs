using Nigehban.Web.Platform.Security;
using Shouldly;

namespace Nigehban.UnitTests.Identity;

public sealed class RolesTests
{
    [Fact]
    public void EveryRole_IsKnown_AndCanOpenTheConsole()
    {
        Roles.All.Count.ShouldBe(10);
        foreach (var role in Roles.All)
        {
            Roles.IsKnown(role).ShouldBeTrue(role);
            Roles.PermissionsOf([role]).ShouldContain(Permissions.ConsoleAccess, role);
        }
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
    public void SeveralRoles_GrantTheUnionOnce() =>
        Roles.PermissionsOf([Roles.FrontDesk, Roles.Sho]).ShouldBeUnique();
}
