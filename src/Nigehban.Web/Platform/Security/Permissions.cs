namespace Nigehban.Web.Platform.Security;

/// <summary>
/// Permission constants, one per resource and action. Endpoints require a permission (a policy of
/// the same name), never a role: roles are only bundles of permissions, defined in <see cref="Roles"/>.
/// </summary>
public static class Permissions
{
    public const string ConsoleAccess = "console.access";
    public const string StaffManage = "staff.manage";
    public const string AuditRead = "audit.read";
    public const string ForceManage = "force.manage";

    public const string ServiceRequestsCreate = "service-requests.create";
    public const string ServiceRequestsRead = "service-requests.read";
    public const string ServiceRequestsProcess = "service-requests.process";
    public const string ServiceRequestsApprove = "service-requests.approve";

    public const string ComplaintsRegister = "complaints.register";
    public const string CasesInvestigate = "cases.investigate";
    public const string CasesSupervise = "cases.supervise";
    public const string RecordsRead = "records.read";
    public const string ProtectionCasesWork = "protection-cases.work";
    public const string SafeCityOperate = "safe-city.operate";
    public const string DashboardView = "dashboard.view";

    /// <summary>Reading a station's complaints and visitor log (front desk, inquiry officers, SHO, command).</summary>
    public const string FrontDeskRead = "front-desk.read";

    /// <summary>The complaint centre's staff: record complaints against police, see them all, assign inquiries.</summary>
    public const string PoliceComplaintsRecord = "police-complaints.record";

    /// <summary>Senior officers: inquire into complaints against police assigned to them, and close them.</summary>
    public const string PoliceComplaintsInquire = "police-complaints.inquire";

    /// <summary>Reading a station's FIRs and their copies (front desk, investigating officers, SHO, command; ADR-048).</summary>
    public const string FirsRead = "firs.read";

    /// <summary>Putting persons on record and writing their criminal history (investigating officers, SHO).</summary>
    public const string RecordsWrite = "records.write";

    /// <summary>Merging duplicate person records and reversing a merge (SHO and command).</summary>
    public const string RecordsMerge = "records.merge";

    /// <summary>A partner body's staff (a shelter, a legal-aid committee): the protection referrals sent to their body, acknowledged and answered.</summary>
    public const string ProtectionReferralsRespond = "protection-referrals.respond";

    /// <summary>Registering hotels and guest houses with a station and issuing their keys (front desk, SHO).</summary>
    public const string HotelsManage = "hotels.manage";

    /// <summary>A hotel (signed in by its key): registering its own guests' check-in and check-out; nothing else.</summary>
    public const string HotelGuestsRegister = "hotel-guests.register";

    /// <summary>The station's alert inbox: reading and acknowledging alerts raised by registrations.</summary>
    public const string RegistrationAlertsHandle = "registration-alerts.handle";

    /// <summary>The stolen-vehicle desk: recording a vehicle stolen or snatched, its recovery and hand-over (front desk, IO, SHO).</summary>
    public const string StolenVehiclesRecord = "stolen-vehicles.record";

    /// <summary>Registering bus and coach terminals with a station and issuing their keys (front desk, SHO, command).</summary>
    public const string TerminalsManage = "terminals.manage";

    /// <summary>A transport terminal (signed in by its key): registering its own travellers; nothing else.</summary>
    public const string TerminalTravellersRegister = "terminal-travellers.register";

    /// <summary>The front desk's registration forms: a tenant or an employee registered at the desk on the landlord's or employer's behalf.</summary>
    public const string RegistrationsTake = "registrations.take";

    public static IReadOnlyList<string> All { get; } =
    [
        ConsoleAccess, StaffManage, AuditRead, ForceManage,
        ServiceRequestsCreate, ServiceRequestsRead, ServiceRequestsProcess, ServiceRequestsApprove,
        ComplaintsRegister, CasesInvestigate, CasesSupervise, RecordsRead, ProtectionCasesWork, SafeCityOperate, DashboardView,
        FrontDeskRead,
        PoliceComplaintsRecord, PoliceComplaintsInquire,
        FirsRead,
        RecordsWrite, RecordsMerge,
        ProtectionReferralsRespond,
        HotelsManage, HotelGuestsRegister, RegistrationAlertsHandle,
        StolenVehiclesRecord,
        TerminalsManage, TerminalTravellersRegister, RegistrationsTake,
    ];
}

/// <summary>The staff roles of the glossary and the permissions each one carries.</summary>
public static class Roles
{
    public const string FrontDesk = "FrontDesk";
    public const string InvestigatingOfficer = "InvestigatingOfficer";
    public const string Sho = "Sho";
    public const string ProtectionOfficer = "ProtectionOfficer";
    public const string SafeCityOperator = "SafeCityOperator";
    public const string Dpo = "Dpo";
    public const string Rpo = "Rpo";
    public const string Ig = "Ig";
    public const string Auditor = "Auditor";
    public const string Administrator = "Administrator";

    /// <summary>The SDPO: heads a sub-division (circle) of stations.</summary>
    public const string SubdivisionOfficer = "SubdivisionOfficer";

    /// <summary>Staff of the force's complaint centre for complaints against police (Punjab: 1787).</summary>
    public const string ComplaintCentreOfficer = "ComplaintCentreOfficer";

    /// <summary>Staff of a partner body of the protection desks: they see only the referrals sent to their body (ADR-061).</summary>
    public const string ProtectionPartner = "ProtectionPartner";

    public static IReadOnlyList<string> All { get; } =
        [FrontDesk, InvestigatingOfficer, Sho, ProtectionOfficer, SafeCityOperator, Dpo, Rpo, Ig, Auditor, Administrator, SubdivisionOfficer, ComplaintCentreOfficer, ProtectionPartner];

    private static readonly string[] Command =
    [
        Permissions.ConsoleAccess, Permissions.DashboardView, Permissions.ServiceRequestsRead, Permissions.ServiceRequestsApprove,
        Permissions.CasesSupervise, Permissions.RecordsRead, Permissions.FrontDeskRead, Permissions.PoliceComplaintsInquire,
        Permissions.FirsRead, Permissions.RecordsMerge, Permissions.RegistrationAlertsHandle, Permissions.HotelsManage,
        Permissions.TerminalsManage,
    ];

    private static readonly Dictionary<string, string[]> Grants = new(StringComparer.Ordinal)
    {
        [FrontDesk] = [Permissions.ConsoleAccess, Permissions.ServiceRequestsCreate, Permissions.ServiceRequestsRead, Permissions.ServiceRequestsProcess, Permissions.ComplaintsRegister, Permissions.FrontDeskRead, Permissions.FirsRead, Permissions.RecordsRead,
            Permissions.HotelsManage, Permissions.RegistrationAlertsHandle, Permissions.StolenVehiclesRecord, Permissions.TerminalsManage, Permissions.RegistrationsTake],
        [InvestigatingOfficer] = [Permissions.ConsoleAccess, Permissions.CasesInvestigate, Permissions.RecordsRead, Permissions.RecordsWrite, Permissions.ServiceRequestsRead, Permissions.FrontDeskRead, Permissions.FirsRead,
            Permissions.RegistrationAlertsHandle, Permissions.StolenVehiclesRecord],
        // The SHO approves what the front desk has checked, and does not do the checking (ADR-037).
        [Sho] = [Permissions.ConsoleAccess, Permissions.ServiceRequestsRead, Permissions.ServiceRequestsApprove, Permissions.ComplaintsRegister, Permissions.CasesSupervise, Permissions.RecordsRead, Permissions.DashboardView, Permissions.FrontDeskRead, Permissions.FirsRead,
            Permissions.RecordsWrite, Permissions.RecordsMerge, Permissions.HotelsManage, Permissions.RegistrationAlertsHandle, Permissions.StolenVehiclesRecord,
            Permissions.TerminalsManage, Permissions.RegistrationsTake],
        [ProtectionOfficer] = [Permissions.ConsoleAccess, Permissions.ProtectionCasesWork],
        [SafeCityOperator] = [Permissions.ConsoleAccess, Permissions.SafeCityOperate],
        [Dpo] = Command,
        [Rpo] = Command,
        [Ig] = Command,
        [Auditor] = [Permissions.ConsoleAccess, Permissions.AuditRead, Permissions.DashboardView],
        [Administrator] = [Permissions.ConsoleAccess, Permissions.StaffManage, Permissions.ForceManage],
        [SubdivisionOfficer] = Command,
        [ComplaintCentreOfficer] = [Permissions.ConsoleAccess, Permissions.PoliceComplaintsRecord, Permissions.DashboardView],
        [ProtectionPartner] = [Permissions.ConsoleAccess, Permissions.ProtectionReferralsRespond],
    };

    /// <summary>Roles that command or oversee the force as a whole: only their holders, or the force-wide administrator, grant them (ADR-024).</summary>
    public static IReadOnlyList<string> Oversight { get; } = [Ig, Auditor];

    public static bool IsKnown(string role) => Grants.ContainsKey(role);

    /// <summary>
    /// Whether a caller holding <paramref name="callerRoles"/> may give <paramref name="role"/> to an
    /// account: a role they hold themselves; an operational role, given by an administrator; any role,
    /// given by an administrator of the whole force (someone must appoint the auditors).
    /// </summary>
    public static bool MayGrant(IReadOnlyCollection<string> callerRoles, bool callerIsForceWide, string role) =>
        callerRoles.Contains(role, StringComparer.Ordinal)
        || (callerRoles.Contains(Administrator, StringComparer.Ordinal) && (callerIsForceWide || !Oversight.Contains(role, StringComparer.Ordinal)));

    /// <summary>The roles carrying <paramref name="permission"/>, the most local first (the order of <see cref="All"/>).</summary>
    public static IReadOnlyList<string> Granting(string permission) =>
        [.. All.Where(r => Grants[r].Contains(permission, StringComparer.Ordinal))];

    public static IEnumerable<string> PermissionsOf(IEnumerable<string> roles) =>
        roles.Where(Grants.ContainsKey).SelectMany(r => Grants[r]).Distinct(StringComparer.Ordinal);
}
