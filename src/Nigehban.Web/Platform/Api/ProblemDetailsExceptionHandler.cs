using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Nigehban.Web.Platform.Data;

namespace Nigehban.Web.Platform.Api;

/// <summary>
/// Every exception becomes an RFC 9457 ProblemDetails with a <c>traceId</c>; no stack trace or
/// exception message of an unexpected error ever reaches a client. Bad input names the field at
/// fault: the JSON path of a malformed body, or the query/route parameter that failed to bind.
/// </summary>
public sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // This middleware runs outside request localization: its own sentences take the request's language.
        var culture = ErrorTexts.CultureOf(httpContext);
        var (status, title, detail, field) = exception switch
        {
            ValidationFailedException v => (400, "Invalid input", v.Message, v.Field),
            NotFoundException n => (404, "Not found", n.Message, n.Field),
            UnprocessableException u => (422, "Unprocessable request", u.Message, u.Field),
            RuleViolationException r => (409, "Conflict", r.Message, null),
            ForbiddenException f => (403, "Forbidden", f.Message, f.Field),
            TooManyRequestsException t => (429, "Too many requests", t.Message, t.Field),
            // A concurrency token (e.g. a staff account's last used one-time-code step) moved under us.
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => (409, "Conflict", ApiErrors.In(culture, "Conflict.ChangedMeanwhile"), null),
            // With RouteHandlerOptions.ThrowOnBadRequest, minimal APIs throw these for input they cannot bind.
            BadHttpRequestException { InnerException: JsonException json } => (400, "Malformed request body", DescribeJson(json, culture), FieldOf(json)),
            BadHttpRequestException { StatusCode: 413 } => (413, "Request body too large", ApiErrors.In(culture, "Body.TooLarge"), "body"),
            BadHttpRequestException { StatusCode: 415 } => (415, "Unsupported media type", ApiErrors.In(culture, "Body.SendJson"), "body"),
            BadHttpRequestException b => DescribeBinding(b, culture),
            JsonException json => (400, "Malformed request body", DescribeJson(json, culture), FieldOf(json)),
            _ when DatabaseUnavailable.Is(exception) => (503, "Service unavailable", ApiErrors.In(culture, "Database.Unavailable"), null),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", null, null),
            _ => (500, "An unexpected error occurred", ApiErrors.In(culture, "Unexpected"), (string?)null),
        };

        if (status == 503)
        {
            // Expected while the database is down or restarting: one line, not a stack trace per request.
            logger.LogWarning("Database unavailable for {Method} {Path}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
            httpContext.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
            problem.Extensions["errors"] = exception is ValidationFailedException { Errors.Count: > 1 } several
                ? several.Errors
                : new Dictionary<string, string[]> { [field] = [detail ?? title] };
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static string FieldOf(JsonException json) =>
        string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');

    private static string DescribeJson(JsonException json, CultureInfo culture) =>
        json.Path is { Length: > 1 } path
            ? ApiErrors.In(culture, "Body.ValueAt", path.TrimStart('$', '.'))
            : ApiErrors.In(culture, "Body.NotJson");

    /// <summary>
    /// The framework's binding messages name the parameter ("Failed to bind parameter "int? page"
    /// from "abc"."); the client gets the name and a message of ours, not the framework's wording.
    /// </summary>
    private static (int, string, string?, string?) DescribeBinding(BadHttpRequestException exception, CultureInfo culture)
    {
        var message = exception.Message;
        if (message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return (exception.StatusCode, "Bad request", ApiErrors.In(culture, "Body.Required"), "body");
        }

        var name = ParameterName().Match(message) is { Success: true } match ? match.Groups["name"].Value : null;
        if (name is null)
        {
            return (exception.StatusCode, "Bad request", ApiErrors.In(culture, "Request.Unreadable"), null);
        }

        return message.StartsWith("Required", StringComparison.Ordinal)
            ? (exception.StatusCode, "Invalid input", ApiErrors.In(culture, "Parameter.Required", name), name)
            : (exception.StatusCode, "Invalid input", ApiErrors.In(culture, "Parameter.WrongType", name), name);
    }

    /// <summary>The last word inside the quotes: "int? page" gives page.</summary>
    [GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>[^\"\\s]+)\"", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ParameterName();
}
