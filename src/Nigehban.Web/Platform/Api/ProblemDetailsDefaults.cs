using System.Diagnostics;
using System.Text.Json;

namespace Nigehban.Web.Platform.Api;

/// <summary>
/// Fills in what every ProblemDetails carries, whoever wrote it (an endpoint, the exception
/// handler, status-code pages, the rate limiter, validation): the <c>traceId</c> to quote to
/// support, the request path, and for the errors the framework raises on its own a detail and
/// the field at fault.
/// </summary>
public static class ProblemDetailsDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        if (problem is HttpValidationProblemDetails validation)
        {
            UseJsonNames(validation.Errors);
        }
        if (problem.Detail is not null)
        {
            return;
        }

        switch (problem.Status)
        {
            case StatusCodes.Status404NotFound:
                problem.Detail = ApiErrors.In(context.HttpContext, "Address.NothingHere");
                break;
            case StatusCodes.Status405MethodNotAllowed:
                problem.Detail = ApiErrors.In(context.HttpContext, "Address.MethodNotAllowed", context.HttpContext.Request.Method);
                break;
            case StatusCodes.Status413PayloadTooLarge:
                // Kestrel refuses the body while the endpoint reads it; the endpoint then ends with a bare 413.
                problem.Detail = ApiErrors.In(context.HttpContext, "Body.TooLarge");
                problem.Extensions.TryAdd("field", "body");
                problem.Extensions.TryAdd("errors", new Dictionary<string, string[]> { ["body"] = [problem.Detail] });
                break;
            case StatusCodes.Status415UnsupportedMediaType:
                problem.Detail = ApiErrors.In(context.HttpContext, "Body.SendJson");
                problem.Extensions.TryAdd("field", "body");
                break;
            default:
                break;
        }
    }

    /// <summary>
    /// DataAnnotations validation reports C# member paths (<c>UserName</c>, <c>Items[0].Name</c>);
    /// the client sent JSON names (<c>userName</c>, <c>items[0].name</c>), so the keys are given
    /// back in the client's spelling. Not through the serializer's DictionaryKeyPolicy: that would
    /// also rewrite data dictionaries keyed by unit codes.
    /// </summary>
    private static void UseJsonNames(IDictionary<string, string[]> errors)
    {
        foreach (var key in errors.Keys.ToList())
        {
            var jsonKey = string.Join('.', key.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
            if (jsonKey != key)
            {
                var messages = errors[key];
                errors.Remove(key);
                errors[jsonKey] = errors.TryGetValue(jsonKey, out var existing) ? [.. existing, .. messages] : messages;
            }
        }
    }
}
