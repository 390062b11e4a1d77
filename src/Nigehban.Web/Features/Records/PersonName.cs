using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Nigehban.Web.Features.Records;

public enum PersonNameKind
{
    /// <summary>The name the record is kept under.</summary>
    Primary,

    /// <summary>Another name the person is known by, or the same name in another script.</summary>
    Alias,

    /// <summary>The father's (or guardian's) name, which search can look for on its own.</summary>
    Parent,
}

/// <summary>
/// A name of a person as written (any script) and its search key. Search reads these rows through a
/// trigram index on <see cref="Key"/> (pg_trgm on PostgreSQL, an FTS5 trigram table kept in step by
/// triggers on SQLite; ADR-058).
/// </summary>
public sealed class PersonName
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public PersonNameKind Kind { get; set; }
    public required string Text { get; set; }
    public required string Key { get; set; }
}

internal sealed class PersonNameConfiguration : IEntityTypeConfiguration<PersonName>
{
    public void Configure(EntityTypeBuilder<PersonName> builder)
    {
        builder.ToTable("person_names");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Text).HasMaxLength(120);
        builder.Property(n => n.Key).HasMaxLength(NameKeys.MaxKeyLength);
        builder.HasIndex(n => n.PersonId);
    }
}
