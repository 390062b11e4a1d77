using Nigehban.Web.Platform.Api;

namespace Nigehban.Web.Features.Identity;

/// <summary>
/// What the staff accounts and sign-in handlers refuse a request with (<c>IdentityErrors.resx</c> and one file per language),
/// in the reader's language (ADR-040).
/// </summary>
public sealed class IdentityErrors
{
    private static readonly ErrorTexts Texts = new(typeof(IdentityErrors));

    private IdentityErrors()
    {
    }

    public static string Text(string key, params object?[] values) => Texts.Get(key, values);

    // DataAnnotations read an attribute's message from a public static property (ErrorMessageResourceName).
    public static string UserNameShape => Text("UserName.Shape");

    public static string PasswordLength => Text("Password.Length");

    public static string DisplayNameLength => Text("DisplayName.Length");

    public static string RolesAtLeastOne => Text("Roles.AtLeastOne");

    public static string FieldRequired => Text("Field.Required");
}
