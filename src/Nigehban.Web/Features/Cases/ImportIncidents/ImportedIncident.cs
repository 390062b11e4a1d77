using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.Cases.ImportIncidents;

/// <summary>
/// A past incident brought in from another system's records (a legacy register, an open-data
/// export): a closed case record, never reopened here. It keeps only what the dashboard counts
/// and a reader needs to find it again in the source (ADR-052). Not audited row by row: each
/// imported batch is one audit event naming the file, its lines and the rows it added.
/// </summary>
public sealed class ImportedIncident : IUnitOwned, INotAudited
{
    public Guid Id { get; set; }

    /// <summary>The mapping's name for the source system ("chicago-open-data"): an external id is unique within it.</summary>
    public required string Source { get; set; }

    /// <summary>The source system's id of the incident: what makes a re-run import nothing twice.</summary>
    public required string ExternalId { get; set; }

    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }

    /// <summary>The pack's crime head the file's offence value maps to.</summary>
    public required string CrimeHead { get; set; }

    /// <summary>The file's own offence value, as written there (for a reader going back to the source).</summary>
    public required string SourceOffence { get; set; }

    /// <summary>The closed outcome the file's status value maps to (the mapping's words, e.g. "cleared-by-arrest").</summary>
    public required string Outcome { get; set; }

    public DateTimeOffset OccurredAt { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>The line of the file the record came from (1 = the header).</summary>
    public int SourceLine { get; set; }
}

internal sealed class ImportedIncidentConfiguration : IEntityTypeConfiguration<ImportedIncident>
{
    public void Configure(EntityTypeBuilder<ImportedIncident> builder)
    {
        builder.ToTable("imported_incidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Source).HasMaxLength(64);
        builder.Property(i => i.ExternalId).HasMaxLength(64);

        // The database refuses a second copy of one source's incident whatever the importer does.
        builder.HasIndex(i => new { i.Source, i.ExternalId }).IsUnique();
        builder.Property(i => i.UnitCode).HasMaxLength(40);
        builder.Property(i => i.UnitPath).HasMaxLength(400);
        builder.HasIndex(i => new { i.UnitPath, i.OccurredAt });
        builder.Property(i => i.CrimeHead).HasMaxLength(40);
        builder.Property(i => i.SourceOffence).HasMaxLength(200);
        builder.Property(i => i.Outcome).HasMaxLength(40);
    }
}
