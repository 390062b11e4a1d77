using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Data;
using Nigehban.Web.Platform.Forces;
using Nigehban.Web.Platform.Security;

namespace Nigehban.Web.Features.ServiceCentres;

public enum PaymentMethod
{
    Cash,
    Bank,
    MobileMoney,
}

/// <summary>A fee received for an application: counter cash, or a bank / mobile-money transaction reference.</summary>
public sealed class FeePayment : IUnitOwned
{
    public Guid Id { get; set; }
    public Guid ServiceRequestId { get; set; }
    public required string ServiceRequestReference { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public PaymentMethod Method { get; set; }

    /// <summary>The bank's or mobile-money provider's transaction reference; empty for cash.</summary>
    public string? ExternalReference { get; set; }

    public required string ReceivedBy { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public required string UnitPath { get; set; }
}

internal sealed class FeePaymentConfiguration : IEntityTypeConfiguration<FeePayment>
{
    public void Configure(EntityTypeBuilder<FeePayment> builder)
    {
        builder.ToTable("fee_payments");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.ServiceRequestId).IsUnique();
        builder.Property(p => p.ServiceRequestReference).HasMaxLength(32);
        builder.Property(p => p.Amount).HasPrecision(12, 2);
        builder.Property(p => p.Currency).HasMaxLength(3);
        builder.Property(p => p.Method).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.ExternalReference).HasMaxLength(100);
        builder.Property(p => p.ReceivedBy).HasMaxLength(100);
        builder.Property(p => p.UnitPath).HasMaxLength(400);
        builder.HasIndex(p => p.UnitPath);
    }
}

public sealed record RecordPaymentCommand(PaymentMethod? Method, decimal? Amount, string? ExternalReference);

public sealed record PaymentReceipt(Guid PaymentId, string Reference, decimal Amount, string Currency, PaymentMethod Method, string? ExternalReference, DateTimeOffset ReceivedAt);

/// <summary>Records the fee for an application, once; the amount must be the fee due.</summary>
public sealed class RecordFeePaymentHandler(NigehbanDbContext db, CurrentUser user, ServiceRequestClock clock, ServiceCatalogue catalogue)
{
    public async Task<PaymentReceipt> HandleAsync(string reference, RecordPaymentCommand command, CancellationToken cancellationToken)
    {
        var canonical = ServiceRequest.CanonicalReference(reference);
        var request = await db.Set<ServiceRequest>().FirstOrDefaultAsync(r => r.Reference == canonical, cancellationToken)
            ?? throw new NotFoundException("reference", ServiceCentreErrors.Text("Request.NotInJurisdiction"));
        // Without a method the force's usual way of paying is assumed (defaultPaymentMethod in services.json).
        var method = command.Method ?? catalogue.DefaultPaymentMethod;
        if (request.FeeAmount == 0)
        {
            throw new RuleViolationException(ServiceCentreErrors.Text("Fee.Free"));
        }

        if (command.Amount != request.FeeAmount)
        {
            throw new ValidationFailedException("amount", ServiceCentreErrors.Text("Fee.Due", Money.Format(request.FeeAmount, request.FeeCurrency)));
        }

        var external = command.ExternalReference?.Trim();
        if (method != PaymentMethod.Cash && (string.IsNullOrEmpty(external) || external.Length > 100))
        {
            throw new ValidationFailedException("externalReference", ServiceCentreErrors.Text("Fee.TransactionReference"));
        }

        if (await db.Set<FeePayment>().AnyAsync(p => p.ServiceRequestId == request.Id, cancellationToken))
        {
            throw new RuleViolationException(ServiceCentreErrors.Text("Fee.AlreadyPaid"));
        }

        var payment = new FeePayment
        {
            Id = Guid.CreateVersion7(),
            ServiceRequestId = request.Id,
            ServiceRequestReference = request.Reference,
            Amount = request.FeeAmount,
            Currency = request.FeeCurrency,
            Method = method,
            ExternalReference = method == PaymentMethod.Cash ? null : external,
            ReceivedBy = user.UserName ?? "system",
            ReceivedAt = clock.Now,
            UnitPath = request.UnitPath,
        };
        db.Add(payment);
        await db.SaveChangesAsync(cancellationToken);
        return new PaymentReceipt(payment.Id, request.Reference, payment.Amount, payment.Currency, payment.Method, payment.ExternalReference, payment.ReceivedAt);
    }
}
