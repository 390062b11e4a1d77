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
        var (status, title, detail, field) = exception switch
        {
            ValidationFailedException v => (400, "Invalid input", v.Message, v.Field),
            NotFoundException n => (404, "Not found", n.Message, n.Field),
            UnprocessableException u => (422, "Unprocessable request", u.Message, u.Field),
            RuleViolationException r => (409, "Conflict", r.Message, null),
            ForbiddenException f => (403, "Forbidden", f.Message, f.Field),
            // A concurrency token (e.g. a staff account's last used one-time-code step) moved under us.
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => (409, "Conflict", "Someone else changed this record at the same moment. Load it again and retry.", null),
            // With RouteHandlerOptions.ThrowOnBadRequest, minimal APIs throw these for input they cannot bind.
            BadHttpRequestException { InnerException: JsonException json } => (400, "Malformed request body", DescribeJson(json), FieldOf(json)),
            BadHttpRequestException { StatusCode: 413 } => (413, "Request body too large", "The request body is larger than this endpoint accepts (1 MB unless stated otherwise).", "body"),
            BadHttpRequestException { StatusCode: 415 } => (415, "Unsupported media type", "Send the request body as application/json.", "body"),
            BadHttpRequestException b => DescribeBinding(b),
            JsonException json => (400, "Malformed request body", DescribeJson(json), FieldOf(json)),
            _ when DatabaseUnavailable.Is(exception) => (503, "Service unavailable", "The database cannot be reached just now. Try again in a few seconds.", null),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", null, null),
            _ => (500, "An unexpected error occurred", "The error has been logged with the trace id below.", (string?)null),
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

    private static string DescribeJson(JsonException json) =>
        json.Path is { Length: > 1 } path
            ? $"The value at '{path.TrimStart('$', '.')}' is missing, malformed or of the wrong type."
            : "The request body is not valid JSON.";

    /// <summary>
    /// The framework's binding messages name the parameter ("Failed to bind parameter "int? page"
    /// from "abc"."); the client gets the name and a message of ours, not the framework's wording.
    /// </summary>
    private static (int, string, string?, string?) DescribeBinding(BadHttpRequestException exception)
    {
        var message = exception.Message;
        if (message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return (exception.StatusCode, "Bad request", "A JSON request body is required.", "body");
        }

        var name = ParameterName().Match(message) is { Success: true } match ? match.Groups["name"].Value : null;
        if (name is null)
        {
            return (exception.StatusCode, "Bad request", "The request could not be read.", null);
        }

        return message.StartsWith("Required", StringComparison.Ordinal)
            ? (exception.StatusCode, "Invalid input", $"'{name}' is required.", name)
            : (exception.StatusCode, "Invalid input", $"The value of '{name}' is not valid for its type.", name);
    }

    /// <summary>The last word inside the quotes: "int? page" gives page.</summary>
    [GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>[^\"\\s]+)\"", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ParameterName();
}
