using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nigehban.Web.Features.Records;

public enum HistoryKind
{
    /// <summary>A court's conviction: the court and the date are required.</summary>
    Conviction,

    /// <summary>A case the person was accused in, by the FIR's reference (text: no link into the cases module).</summary>
    Case,

    /// <summary>How the person works (modus operandi).</summary>
    ModusOperandi,

    /// <summary>A gang the person belongs to.</summary>
    Gang,
}

/// <summary>
/// One line of a person's criminal history. An entry closed because the person was acquitted or
/// cleared stays on file as a closed record, and is no longer criminal history: the profile lists it
/// apart and the record check ignores it.
/// </summary>
public sealed class CriminalHistoryEntry
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public HistoryKind Kind { get; set; }

    /// <summary>The offence, the modus operandi or the gang's name.</summary>
    public required string Text { get; set; }

    public string? Court { get; set; }
    public DateOnly? On { get; set; }

    /// <summary>The FIR (or case) reference as written, e.g. FIR-LHR-26-000123-K or 123/2026 at a station.</summary>
    public string? FirReference { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
    public required string RecordedBy { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }

    /// <summary>Acquitted, or cleared (and by whom): why the entry is no longer history.</summary>
    public string? ClosedReason { get; set; }

    public string Summary => Kind switch
    {
        HistoryKind.Conviction => $"convicted: {Text} ({Court}, {On:yyyy-MM-dd})",
        _ => $"{Kind}: {Text}",
    };
}

internal sealed class CriminalHistoryEntryConfiguration : IEntityTypeConfiguration<CriminalHistoryEntry>
{
    public void Configure(EntityTypeBuilder<CriminalHistoryEntry> builder)
    {
        builder.ToTable("person_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(h => h.Text).HasMaxLength(300);
        builder.Property(h => h.Court).HasMaxLength(200);
        builder.Property(h => h.FirReference).HasMaxLength(60);
        builder.Property(h => h.RecordedBy).HasMaxLength(100);
        builder.Property(h => h.ClosedBy).HasMaxLength(100);
        builder.Property(h => h.ClosedReason).HasMaxLength(300);
        builder.Ignore(h => h.Summary);
        builder.HasIndex(h => h.PersonId);
    }
}
