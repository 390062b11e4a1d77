using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Nigehban.Web.Platform.Api;

/// <summary>
/// A body declared in a character set nobody knows (<c>application/json; charset=nonsense</c>)
/// cannot be read: the framework's JSON reader throws for it, which would end as a 500. It is
/// refused here instead, before any endpoint, with 415 naming the Content-Type header.
/// </summary>
public static class KnownCharsets
{
    public static IApplicationBuilder UseKnownCharsetsOnly(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var contentType = context.Request.ContentType;
            if (contentType is null || IsReadable(contentType))
            {
                await next();
                return;
            }

            var detail = ApiErrors.In(context, "Body.UnknownCharset");
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            var problem = new ProblemDetails { Status = StatusCodes.Status415UnsupportedMediaType, Title = "Unsupported media type", Detail = detail };
            problem.Extensions["field"] = "Content-Type";
            problem.Extensions["errors"] = new Dictionary<string, string[]> { ["Content-Type"] = [detail] };
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = problem,
            });
        });

    /// <summary>No charset, or one .NET can decode; an unparseable header is left to the endpoint (which answers 415 itself).</summary>
    private static bool IsReadable(string contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || !media.Charset.HasValue)
        {
            return true;
        }

        try
        {
            _ = Encoding.GetEncoding(media.Charset.Value!.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
