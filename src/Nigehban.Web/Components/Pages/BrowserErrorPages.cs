using Microsoft.AspNetCore.Diagnostics;

namespace Nigehban.Web.Components.Pages;

/// <summary>
/// Browsers get pages, clients get JSON (ADR-035): a page request that ends in an error status with no
/// body (an unknown address, a route whose page called NotFound) is answered with the portal's
/// localized <c>/not-found</c> page; everything else keeps the ProblemDetails of
/// <c>UseStatusCodePages</c>, which wraps this.
/// </summary>
public static class BrowserErrorPages
{
    /// <summary>Where the framework and the API live: never a page, whatever the client accepts.</summary>
    private static readonly string[] NotPages = ["/api", "/_blazor", "/_framework", "/_content", "/hubs", "/health", "/metrics", "/openapi", "/scalar"];

    public static IApplicationBuilder UseBrowserErrorPages(this IApplicationBuilder app)
    {
        // On the app itself, not in a UseWhen branch: a branch of a WebApplication has no global route
        // builder, so the re-executed request would not be routed again, find no endpoint and come back
        // empty. A scope of its own for the re-executed request: the first request's component renderer
        // has been used already by a page that answered 404.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

        // Only browsers navigating get the page: for anyone else this handler stands aside and the
        // outer UseStatusCodePages writes ProblemDetails.
        return app.Use((context, next) =>
        {
            if (!WantsAPage(context) && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return next(context);
        });
    }

    /// <summary>A browser navigating: GET or HEAD, HTML acceptable, and an address outside the API and the framework.</summary>
    public static bool WantsAPage(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var path = request.Path;
        if (NotPages.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }
}
