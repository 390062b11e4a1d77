using Microsoft.EntityFrameworkCore;
using Nigehban.Web.Features.Identity;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Demo;

namespace Nigehban.Web.Features.Protection;

/// <summary>
/// Links the demo partner account (<c>partner</c>, seeded with the other demo staff) to the first
/// partner body of the force's protection pack, so that a referral sent to that body can be worked on
/// the partner's page from the first start. A force without protection desks links nothing.
/// </summary>
public sealed class SeedDemoPartner(NigehbanDbContext db, ProtectionPack pack, StaffDirectory staff, TimeProvider clock) : IDemoDataSeed
{
    public const string DemoUserName = "partner";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!pack.IsOffered || pack.Partners.Count == 0)
        {
            return;
        }

        var account = await staff.FindAsync(DemoUserName, cancellationToken);
        if (account is null || await db.Set<ProtectionPartnerAccount>().AnyAsync(a => a.AccountId == account.Id, cancellationToken))
        {
            return;
        }

        db.Add(new ProtectionPartnerAccount
        {
            AccountId = account.Id, UserName = account.UserName, PartnerCode = pack.Partners[0].Code, LinkedBy = "demo", LinkedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
