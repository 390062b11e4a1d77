using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Features.Records.RegistrarKeys;

namespace Nigehban.Web.Features.Records;

/// <summary>
/// A bus or coach terminal registered with the station of its place. It registers its travellers with
/// a key of its own, as a hotel registers its guests (ADR-077): only the key's hash is kept.
/// </summary>
public sealed class TransportTerminal : IKeyedRegistrar
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Address { get; set; }
    public string? Phone { get; set; }

    /// <summary>The station the terminal is registered with: its travellers' alerts go there.</summary>
    public required string UnitCode { get; set; }

    public required string UnitPath { get; set; }
    public required string KeyHash { get; set; }
    public required string KeyHint { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public required string RegisteredBy { get; set; }
    public DateTimeOffset KeyIssuedAt { get; set; }

    /// <summary>A new terminal on a station's books, its key still to be issued.</summary>
    public static TransportTerminal ForPlace(RegistrarPlace place, DateTimeOffset now, string registeredBy) => new()
    {
        Id = Guid.CreateVersion7(now), Name = place.Name, Address = place.Address, Phone = place.Phone, UnitCode = place.Station.Code,
        UnitPath = place.Station.Path, KeyHash = "", KeyHint = "", RegisteredAt = now, RegisteredBy = registeredBy,
    };
}

internal sealed class TransportTerminalConfiguration : IEntityTypeConfiguration<TransportTerminal>
{
    public void Configure(EntityTypeBuilder<TransportTerminal> builder)
    {
        builder.ToTable("transport_terminals");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(120);
        builder.Property(t => t.Address).HasMaxLength(300);
        builder.Property(t => t.Phone).HasMaxLength(20);
        builder.Property(t => t.UnitCode).HasMaxLength(32);
        builder.Property(t => t.UnitPath).HasMaxLength(400);
        builder.HasIndex(t => t.UnitPath);
        builder.Property(t => t.KeyHash).HasMaxLength(64);
        builder.HasIndex(t => t.KeyHash).IsUnique();
        builder.Property(t => t.KeyHint).HasMaxLength(16);
        builder.Property(t => t.RegisteredBy).HasMaxLength(100);
    }
}
