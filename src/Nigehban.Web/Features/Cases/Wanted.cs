using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Cases;

public enum WantedStatus
{
    Wanted,
    Arrested,
}

public enum WarrantStatus
{
    Issued,
    Executed,
    Returned,
}

/// <summary>
/// An accused of an FIR whom a court has proclaimed an offender (PO): wanted by the police from the
/// date of the proclamation until arrested — by an arrest recorded in the case, or by a warrant for
/// him executed (ADR-054). The wanted list other modules match against (<c>IWantedPersons</c>).
/// </summary>
public sealed class WantedPerson : IUnitOwned
{
    public Guid Id { get; set; }
    public Guid FirId { get; set; }
    public required string Reference { get; set; }
    public required string FirNumber { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }

    /// <summary>The accused party of the FIR (its position among the parties).</summary>
    public int PartyPosition { get; set; }

    public required string Name { get; set; }
    public required string NameKey { get; set; }
    public string? FatherName { get; set; }
    public string? FatherNameKey { get; set; }

    /// <summary>In the force's normal form, from the proclamation or the FIR's party.</summary>
    public string? NationalId { get; set; }

    public DateOnly ProclaimedOn { get; set; }
    public required string Court { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public WantedStatus Status { get; private set; } = WantedStatus.Wanted;

    /// <summary>The force-local day he was arrested, and how: "arrest" (recorded in the case) or "warrant" (a warrant executed).</summary>
    public DateOnly? ArrestedOn { get; private set; }

    public string? ArrestedThrough { get; private set; }

    public int Version { get; set; }

    public void Arrested(DateOnly on, string through)
    {
        Status = WantedStatus.Arrested;
        ArrestedOn = on;
        ArrestedThrough = through;
        Version++;
    }
}

/// <summary>An arrest warrant a court issued for a person of the case, and what became of it: executed once, or returned unexecuted with a reason.</summary>
public sealed class FirWarrant : IUnitOwned
{
    public Guid Id { get; set; }
    public Guid FirId { get; set; }

    /// <summary>1, 2, 3 … within the FIR: how the case page and the API name it.</summary>
    public int Number { get; set; }

    public required string Reference { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public int PartyPosition { get; set; }
    public required string PersonName { get; set; }
    public required string Court { get; set; }
    public DateOnly IssuedOn { get; set; }
    public required string RecordedBy { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public WarrantStatus Status { get; private set; } = WarrantStatus.Issued;
    public DateOnly? ClosedOn { get; private set; }

    /// <summary>Executed: the officer who arrested on it. Returned: null.</summary>
    public string? ExecutedBy { get; private set; }

    public string? ReturnReason { get; private set; }
    public int Version { get; set; }

    public void Execute(DateOnly on, string officer)
    {
        EnsureOpen();
        Status = WarrantStatus.Executed;
        ClosedOn = on;
        ExecutedBy = officer;
        Version++;
    }

    public void Return(DateOnly on, string reason)
    {
        EnsureOpen();
        Status = WarrantStatus.Returned;
        ClosedOn = on;
        ReturnReason = reason;
        Version++;
    }

    private void EnsureOpen()
    {
        if (Status != WarrantStatus.Issued)
        {
            throw new RuleViolationException(CasesErrors.Text("Warrant.Closed", Number, Status));
        }
    }
}

internal sealed class WantedPersonConfiguration : IEntityTypeConfiguration<WantedPerson>
{
    public void Configure(EntityTypeBuilder<WantedPerson> builder)
    {
        builder.ToTable("fir_wanted_persons");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.HasOne<Fir>().WithMany().HasForeignKey(w => w.FirId).OnDelete(DeleteBehavior.Restrict);

        // One open proclamation per accused of a case; after an arrest he may abscond and be proclaimed again.
        builder.HasIndex(w => new { w.FirId, w.PartyPosition }).IsUnique().HasFilter("\"Status\" = 'Wanted'");
        builder.HasIndex(w => new { w.NationalId, w.Status });
        builder.HasIndex(w => new { w.NameKey, w.Status });
        builder.HasIndex(w => new { w.UnitPath, w.Status });
        builder.Property(w => w.Reference).HasMaxLength(32);
        builder.Property(w => w.FirNumber).HasMaxLength(16);
        builder.Property(w => w.UnitCode).HasMaxLength(40);
        builder.Property(w => w.UnitPath).HasMaxLength(400);
        builder.Property(w => w.Name).HasMaxLength(120);
        builder.Property(w => w.NameKey).HasMaxLength(120);
        builder.Property(w => w.FatherName).HasMaxLength(120);
        builder.Property(w => w.FatherNameKey).HasMaxLength(120);
        builder.Property(w => w.NationalId).HasMaxLength(32);
        builder.Property(w => w.Court).HasMaxLength(200);
        builder.Property(w => w.RecordedBy).HasMaxLength(64);
        builder.Property(w => w.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.ArrestedThrough).HasMaxLength(16);
        builder.Property(w => w.Version).IsConcurrencyToken();
    }
}

internal sealed class FirWarrantConfiguration : IEntityTypeConfiguration<FirWarrant>
{
    public void Configure(EntityTypeBuilder<FirWarrant> builder)
    {
        builder.ToTable("fir_warrants");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.HasOne<Fir>().WithMany().HasForeignKey(w => w.FirId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(w => new { w.FirId, w.Number }).IsUnique();
        builder.Property(w => w.Reference).HasMaxLength(32);
        builder.Property(w => w.UnitCode).HasMaxLength(40);
        builder.Property(w => w.UnitPath).HasMaxLength(400);
        builder.Property(w => w.PersonName).HasMaxLength(120);
        builder.Property(w => w.Court).HasMaxLength(200);
        builder.Property(w => w.RecordedBy).HasMaxLength(64);
        builder.Property(w => w.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(w => w.ExecutedBy).HasMaxLength(120);
        builder.Property(w => w.ReturnReason).HasMaxLength(1000);
        builder.Property(w => w.Version).IsConcurrencyToken();
    }
}
