namespace Nigehban.Web.Features.FrontDesk;

/// <summary>
/// The complainant's SMS texts (<c>ComplaintMessages.resx</c> and one file per language). Each
/// begins with the force's signature ({0}): no force's name is written here.
/// </summary>
public sealed class ComplaintMessages;
