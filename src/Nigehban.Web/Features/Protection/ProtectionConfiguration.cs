using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nigehban.Web.Features.Protection;

/// <summary>Sealed columns hold ciphertext only: base64 of the plaintext plus 28 bytes and a short prefix.</summary>
internal static class SealedLength
{
    public static int Of(int plaintextChars) => 24 + (((plaintextChars * 3) + 28 + 2) / 3 * 4);
}

internal sealed class ProtectionCaseConfiguration : IEntityTypeConfiguration<ProtectionCase>
{
    public void Configure(EntityTypeBuilder<ProtectionCase> builder)
    {
        builder.ToTable("protection_cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Reference).HasMaxLength(32);
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.Property(c => c.UnitCode).HasMaxLength(40);
        builder.Property(c => c.UnitPath).HasMaxLength(400);
        builder.Property(c => c.CentreType).HasMaxLength(40);
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Groups).HasMaxLength(400);
        builder.Property(c => c.Needs).HasMaxLength(400);
        builder.Property(c => c.NameSealed).HasMaxLength(SealedLength.Of(120));
        builder.Property(c => c.ContactSealed).HasMaxLength(SealedLength.Of(200));
        builder.Property(c => c.AddressSealed).HasMaxLength(SealedLength.Of(400));
        builder.Property(c => c.StatementSealed).HasMaxLength(SealedLength.Of(8000));
        builder.Property(c => c.ClosureNoteSealed).HasMaxLength(SealedLength.Of(2000));
        builder.Property(c => c.LinkedReference).HasMaxLength(32);
        builder.Property(c => c.IdempotencyKeyHash).HasMaxLength(64);
        builder.Property(c => c.IdempotencyRequestHash).HasMaxLength(64);
        builder.HasIndex(c => c.IdempotencyKeyHash).IsUnique().HasFilter("\"IdempotencyKeyHash\" IS NOT NULL");
        builder.Property(c => c.AssignedUserName).HasMaxLength(100);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Satisfaction).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.UnitPath, c.Status, c.OpenedAt });
        builder.HasIndex(c => new { c.AssignedAccountId, c.Status });
        builder.Ignore(c => c.IsOpen);
        builder.Ignore(c => c.GroupCodes);
        builder.Ignore(c => c.NeedCodes);
        builder.HasMany(c => c.Grants).WithOne().HasForeignKey(g => g.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.FollowUps).WithOne().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProtectionCaseGrantConfiguration : IEntityTypeConfiguration<ProtectionCaseGrant>
{
    public void Configure(EntityTypeBuilder<ProtectionCaseGrant> builder)
    {
        builder.ToTable("protection_case_grants");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.UserName).HasMaxLength(100);
        builder.Property(g => g.GrantedBy).HasMaxLength(100);
        builder.HasIndex(g => new { g.CaseId, g.AccountId }).IsUnique();
        builder.HasIndex(g => g.AccountId);
    }
}

internal sealed class ProtectionFollowUpConfiguration : IEntityTypeConfiguration<ProtectionFollowUp>
{
    public void Configure(EntityTypeBuilder<ProtectionFollowUp> builder)
    {
        builder.ToTable("protection_follow_ups");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.PlannedBy).HasMaxLength(100);
        builder.Property(f => f.DoneBy).HasMaxLength(100);
        builder.Property(f => f.NoteSealed).HasMaxLength(SealedLength.Of(2000));
        builder.Ignore(f => f.NoteContext);
        builder.HasIndex(f => new { f.CaseId, f.DueAt });
        builder.HasIndex(f => new { f.DoneAt, f.DueAt });
    }
}

internal sealed class ProtectionBreakGlassConfiguration : IEntityTypeConfiguration<ProtectionBreakGlass>
{
    public void Configure(EntityTypeBuilder<ProtectionBreakGlass> builder)
    {
        builder.ToTable("protection_break_glass");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.UserName).HasMaxLength(100);
        builder.Property(b => b.ReasonSealed).HasMaxLength(SealedLength.Of(1000));
        builder.Ignore(b => b.ReasonContext);
        builder.HasIndex(b => new { b.CaseId, b.At });
    }
}

internal sealed class ProtectionReferralConfiguration : IEntityTypeConfiguration<ProtectionReferral>
{
    public void Configure(EntityTypeBuilder<ProtectionReferral> builder)
    {
        builder.ToTable("protection_referrals");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.CaseReference).HasMaxLength(32);
        builder.Property(r => r.UnitCode).HasMaxLength(40);
        builder.Property(r => r.UnitPath).HasMaxLength(400);
        builder.Property(r => r.PartnerCode).HasMaxLength(40);
        builder.Property(r => r.NeedCode).HasMaxLength(40);
        builder.Property(r => r.SentBy).HasMaxLength(100);
        builder.Property(r => r.AcknowledgedBy).HasMaxLength(100);
        builder.Property(r => r.OutcomeBy).HasMaxLength(100);
        builder.Property(r => r.NoteSealed).HasMaxLength(SealedLength.Of(2000));
        builder.Property(r => r.OutcomeSealed).HasMaxLength(SealedLength.Of(2000));
        builder.Ignore(r => r.NoteContext);
        builder.Ignore(r => r.OutcomeContext);
        builder.HasOne<ProtectionCase>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.PartnerCode, r.SentAt });
        builder.HasIndex(r => new { r.UnitPath, r.SentAt });
        builder.HasIndex(r => new { r.AcknowledgedAt, r.AcknowledgeDueAt });
        builder.HasIndex(r => new { r.OutcomeAt, r.OutcomeDueAt });
        builder.HasIndex(r => r.CaseId);
    }
}

internal sealed class ProtectionPartnerAccountConfiguration : IEntityTypeConfiguration<ProtectionPartnerAccount>
{
    public void Configure(EntityTypeBuilder<ProtectionPartnerAccount> builder)
    {
        builder.ToTable("protection_partner_accounts");
        builder.HasKey(a => a.AccountId);
        builder.Property(a => a.UserName).HasMaxLength(100);
        builder.Property(a => a.PartnerCode).HasMaxLength(40);
        builder.Property(a => a.LinkedBy).HasMaxLength(100);
    }
}
