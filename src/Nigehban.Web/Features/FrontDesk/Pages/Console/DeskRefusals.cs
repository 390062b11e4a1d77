using Microsoft.Extensions.Localization;
using Nigehban.Web.Platform.Api;
using Nigehban.Web.Platform.Forces;

namespace Nigehban.Web.Features.FrontDesk.Pages.Console;

/// <summary>
/// A handler's refusal in the officer's language. The handlers name the field at fault; the page says
/// what to do about it from its own strings, and falls back to the handler's sentence for a field it
/// does not know. The key <c>""</c> holds a refusal of the whole action (409, 403, 404).
/// </summary>
public static class DeskRefusals
{
    public static Dictionary<string, string> Explain(Exception refusal, IStringLocalizer<FrontDeskConsoleText> text, ForcePack force, string? status = null)
    {
        var explained = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (refusal)
        {
            case ValidationFailedException invalid:
                foreach (var (field, messages) in invalid.Errors)
                {
                    explained[field] = Field(field, messages.FirstOrDefault() ?? invalid.Message, text, force);
                }

                break;
            case NotFoundException { Field: not "reference" } missing:
                explained[missing.Field] = Field(missing.Field, missing.Message, text, force);
                break;
            case NotFoundException:
                explained[""] = text["Refused.NotFound"];
                break;
            case RuleViolationException:
                explained[""] = text["Refused.Conflict", status ?? ""];
                break;
            case ForbiddenException:
                explained[""] = text["Refused.Forbidden"];
                break;
            default:
                explained[""] = refusal.Message;
                break;
        }

        return explained;
    }

    private static string Field(string field, string handlerSays, IStringLocalizer<FrontDeskConsoleText> text, ForcePack force)
    {
        var known = field == "complainant.nationalId"
            ? text["Error." + field, force.NationalId.Name, force.NationalId.Example]
            : text["Error." + field];
        return known.ResourceNotFound ? text["Error.Other", handlerSays] : known;
    }
}
