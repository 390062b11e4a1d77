namespace Nigehban.Web.Features.PoliceComplaints.Pages;

/// <summary>The complaint centre's page strings: <c>PoliceComplaintText.resx</c> and one file per language.</summary>
public sealed class PoliceComplaintText;
