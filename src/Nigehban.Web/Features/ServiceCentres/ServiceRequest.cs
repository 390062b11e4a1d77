using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Features.ServiceCentres;

public enum ServiceRequestStatus
{
    Submitted,
    DocumentsChecked,
    RecordChecked,
    Approved,
    Issued,
    Rejected,
    ReturnedForCorrection,
}

public enum ServiceChannel
{
    Counter,
    Online,
    Embassy,
}

/// <summary>The citizen as they applied. Names and contact details are what they gave, not a verified identity.</summary>
public sealed class Applicant
{
    public required string NationalId { get; set; }
    public required string Name { get; set; }
    public string? ParentName { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }

    /// <summary>An equal, untracked instance: an owned entity belongs to one owner in one context.</summary>
    public Applicant Copy() => (Applicant)MemberwiseClone();
}

/// <summary>
/// An application for a police service at a service centre. Its lifecycle is a small state
/// machine enforced here: an illegal change throws <see cref="RuleViolationException"/> (409).
/// </summary>
public sealed class ServiceRequest : IUnitOwned
{
    private static readonly Dictionary<ServiceRequestStatus, ServiceRequestStatus[]> Allowed = new()
    {
        [ServiceRequestStatus.Submitted] = [ServiceRequestStatus.DocumentsChecked, ServiceRequestStatus.ReturnedForCorrection, ServiceRequestStatus.Rejected],
        [ServiceRequestStatus.ReturnedForCorrection] = [ServiceRequestStatus.Submitted, ServiceRequestStatus.Rejected],
        [ServiceRequestStatus.DocumentsChecked] = [ServiceRequestStatus.RecordChecked, ServiceRequestStatus.ReturnedForCorrection, ServiceRequestStatus.Rejected],
        [ServiceRequestStatus.RecordChecked] = [ServiceRequestStatus.Approved, ServiceRequestStatus.Rejected],
        [ServiceRequestStatus.Approved] = [ServiceRequestStatus.Issued],
        [ServiceRequestStatus.Issued] = [],
        [ServiceRequestStatus.Rejected] = [],
    };

    public Guid Id { get; set; }
    public required string Reference { get; set; }
    public required string ServiceCode { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitPath { get; set; }
    public ServiceChannel Channel { get; set; }
    public required Applicant Applicant { get; set; }

    /// <summary>The pack language the citizen applied in; their SMS and email are written in it.</summary>
    public string? ApplicantLanguage { get; set; }

    /// <summary>Service-specific answers (the vehicle's number, the tenant's landlord…), as JSON.</summary>
    public string? DetailsJson { get; set; }

    public ServiceRequestStatus Status { get; private set; } = ServiceRequestStatus.Submitted;
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Set once when the deadline passes while the request is open; escalated to the centre in-charge.</summary>
    public DateTimeOffset? BreachedAt { get; set; }

    public decimal FeeAmount { get; set; }
    public required string FeeCurrency { get; set; }

    public string? RejectionReason { get; private set; }
    public string? CorrectionNote { get; private set; }

    /// <summary>Summary of the record check shown to the approving officer (hits and their reasons).</summary>
    public string? RecordCheckSummary { get; set; }
    public bool? RecordCheckHit { get; set; }

    /// <summary>The client's Idempotency-Key header: unique, so a replay finds the first request instead of creating another.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>
    /// SHA-256 (hex) of the request the key first came with, in canonical form: a later request
    /// with the same key is a replay only if it hashes the same; otherwise it is refused (422).
    /// </summary>
    public string? IdempotencyRequestHash { get; set; }

    /// <summary>The applicant's rating of the service, 1 (poor) to 5 (very good), given once after delivery.</summary>
    public int? Rating { get; private set; }
    public DateTimeOffset? RatedAt { get; private set; }

    /// <summary>Optimistic concurrency: two officers acting at once cannot both move the request.</summary>
    public int Version { get; set; }

    public List<ServiceRequestStep> Steps { get; set; } = [];

    public bool IsOpen => Status is not (ServiceRequestStatus.Issued or ServiceRequestStatus.Rejected);

    /// <summary>
    /// The stored form of a reference as typed by a person (any case, spaces for hyphens). A reference
    /// whose check character fails is a typo, and is answered like an unknown one: 404.
    /// </summary>
    public static string CanonicalReference(string reference) =>
        Platform.References.ReferenceNumber.TryParse(reference, out var parsed)
            ? parsed.ToString()
            : throw new NotFoundException("reference", ServiceCentreErrors.Text("Request.NoMatch"));

    public bool CanMoveTo(ServiceRequestStatus next) => Allowed[Status].Contains(next);

    /// <summary>Moves the request and appends a timeline step; <paramref name="note"/> is the reason where one is required.</summary>
    public ServiceRequestStep MoveTo(ServiceRequestStatus next, string actor, DateTimeOffset at, string? note = null)
    {
        if (!CanMoveTo(next))
        {
            throw new RuleViolationException(ServiceCentreErrors.Text("Request.CannotBecome", Status, next));
        }

        if (next is ServiceRequestStatus.Rejected or ServiceRequestStatus.ReturnedForCorrection && string.IsNullOrWhiteSpace(note))
        {
            throw new ValidationFailedException("reason", ServiceCentreErrors.Text("Request.ReasonRequired", next));
        }

        var step = new ServiceRequestStep
        {
            Id = Guid.CreateVersion7(),
            ServiceRequestId = Id,
            FromStatus = Status,
            ToStatus = next,
            At = at,
            Actor = actor,
            Note = note,
        };
        Status = next;
        Version++;
        switch (next)
        {
            case ServiceRequestStatus.Rejected:
                RejectionReason = note;
                ClosedAt = at;
                break;
            case ServiceRequestStatus.ReturnedForCorrection:
                CorrectionNote = note;
                break;
            case ServiceRequestStatus.Issued:
                ClosedAt = at;
                break;
        }

        Steps.Add(step);
        return step;
    }

    /// <summary>The applicant rates a delivered application once, 1 to 5; 4 or 5 counts as satisfied on the dashboard.</summary>
    public void Rate(int rating, DateTimeOffset at)
    {
        if (rating is < 1 or > 5)
        {
            throw new ValidationFailedException("rating", ServiceCentreErrors.Text("Rating.Range"));
        }

        if (Status != ServiceRequestStatus.Issued)
        {
            throw new RuleViolationException(ServiceCentreErrors.Text("Rating.NotDelivered", Status));
        }

        if (Rating is not null)
        {
            throw new RuleViolationException(ServiceCentreErrors.Text("Rating.Already"));
        }

        Rating = rating;
        RatedAt = at;
        Version++;
    }

    /// <summary>The first step of the timeline, recorded at submission.</summary>
    /// <summary>The actor recorded for a citizen's own online application (no account); pages show it in the reader's language.</summary>
    public const string OnlineCitizen = "citizen (online)";

    public void RecordSubmission(string actor)
    {
        Steps.Add(new ServiceRequestStep
        {
            Id = Guid.CreateVersion7(),
            ServiceRequestId = Id,
            FromStatus = null,
            ToStatus = ServiceRequestStatus.Submitted,
            At = SubmittedAt,
            Actor = actor,
            Note = $"Submitted via {Channel.ToString().ToLowerInvariant()}",
        });
    }
}

/// <summary>One step of a request's timeline: who moved it, when, and why.</summary>
public sealed class ServiceRequestStep
{
    public Guid Id { get; set; }
    public Guid ServiceRequestId { get; set; }
    public ServiceRequestStatus? FromStatus { get; set; }
    public ServiceRequestStatus ToStatus { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public string? Note { get; set; }
}

internal sealed class ServiceRequestConfiguration : IEntityTypeConfiguration<ServiceRequest>
{
    public void Configure(EntityTypeBuilder<ServiceRequest> builder)
    {
        builder.ToTable("service_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Reference).HasMaxLength(32);
        builder.HasIndex(r => r.Reference).IsUnique();
        builder.Property(r => r.ServiceCode).HasMaxLength(64);
        builder.Property(r => r.UnitCode).HasMaxLength(40);
        builder.Property(r => r.UnitPath).HasMaxLength(400);
        builder.HasIndex(r => new { r.UnitPath, r.Status, r.SubmittedAt });
        builder.HasIndex(r => new { r.Status, r.DueAt });

        // Dashboard rebuild and verify read records one district's units at a time.
        builder.HasIndex(r => r.UnitCode);
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.FeeAmount).HasPrecision(12, 2);
        builder.Property(r => r.FeeCurrency).HasMaxLength(3);
        builder.Property(r => r.RejectionReason).HasMaxLength(1000);
        builder.Property(r => r.CorrectionNote).HasMaxLength(1000);
        builder.Property(r => r.RecordCheckSummary).HasMaxLength(2000);
        builder.Property(r => r.DetailsJson).HasMaxLength(8000);
        builder.Property(r => r.ApplicantLanguage).HasColumnName("applicant_language").HasMaxLength(10);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(100);
        builder.Property(r => r.IdempotencyRequestHash).HasMaxLength(64);
        // Only keyed requests are indexed: most applications carry no key, and a NULL entry per row
        // would cost every insert an index write that no lookup ever uses.
        builder.HasIndex(r => r.IdempotencyKey).IsUnique().HasFilter("\"IdempotencyKey\" IS NOT NULL");
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.IsOpen);
        builder.OwnsOne(r => r.Applicant, a =>
        {
            a.Property(p => p.NationalId).HasColumnName("applicant_national_id").HasMaxLength(32);
            a.Property(p => p.Name).HasColumnName("applicant_name").HasMaxLength(120);
            a.Property(p => p.ParentName).HasColumnName("applicant_parent_name").HasMaxLength(120);
            a.Property(p => p.Phone).HasColumnName("applicant_phone").HasMaxLength(20);
            a.Property(p => p.Email).HasColumnName("applicant_email").HasMaxLength(200);
            a.Property(p => p.Address).HasColumnName("applicant_address").HasMaxLength(400);
            a.HasIndex(p => p.NationalId);
        });
        builder.HasMany(r => r.Steps).WithOne().HasForeignKey(s => s.ServiceRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ServiceRequestStepConfiguration : IEntityTypeConfiguration<ServiceRequestStep>
{
    public void Configure(EntityTypeBuilder<ServiceRequestStep> builder)
    {
        builder.ToTable("service_request_steps");
        builder.HasKey(s => s.Id);

        // Steps are created with their id and added through the request's collection: a
        // client-generated key would make EF take a new step for an existing one.
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.FromStatus).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.ToStatus).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Actor).HasMaxLength(100);
        builder.Property(s => s.Note).HasMaxLength(1000);
        builder.HasIndex(s => new { s.ServiceRequestId, s.At });
    }
}
