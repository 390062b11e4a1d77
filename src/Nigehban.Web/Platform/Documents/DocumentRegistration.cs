using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Nigehban.Web.Platform.Documents;

public static class DocumentRegistration
{
    /// <summary>One signer (one key file), one font set and one renderer for every module's documents.</summary>
    public static IServiceCollection AddOfficialDocuments(this IServiceCollection services)
    {
        services.TryAddSingleton<DocumentSigner>();
        services.TryAddSingleton<DocumentFonts>();
        services.TryAddSingleton<OfficialDocumentPdf>();
        services.TryAddScoped<PublicBaseUrl>();
        return services;
    }
}

/// <summary>The address printed in QR codes and links on paper: configuration <c>Documents:PublicBaseUrl</c>, else the request's host.</summary>
public sealed class PublicBaseUrl(IConfiguration configuration, IHttpContextAccessor http)
{
    public string Value =>
        configuration["Documents:PublicBaseUrl"]?.TrimEnd('/')
        ?? (http.HttpContext is { } context ? $"{context.Request.Scheme}://{context.Request.Host}" : "http://127.0.0.1:5080");

    /// <summary>The verify page's address for a document: what its QR code carries.</summary>
    public string VerificationUrl(string code, string signature) => $"{Value}/verify/{Uri.EscapeDataString(code)}?s={Uri.EscapeDataString(signature)}";
}
