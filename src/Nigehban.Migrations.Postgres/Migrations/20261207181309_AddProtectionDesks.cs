using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddProtectionDesks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "protection_break_glass",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReasonSealed = table.Column<string>(type: "character varying(4064)", maxLength: 4064, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_break_glass", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "protection_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Reference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    CentreType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Anonymous = table.Column<bool>(type: "boolean", nullable: false),
                    Groups = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Needs = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    NameSealed = table.Column<string>(type: "character varying(544)", maxLength: 544, nullable: true),
                    ContactSealed = table.Column<string>(type: "character varying(864)", maxLength: 864, nullable: true),
                    AddressSealed = table.Column<string>(type: "character varying(1664)", maxLength: 1664, nullable: true),
                    StatementSealed = table.Column<string>(type: "character varying(32064)", maxLength: 32064, nullable: true),
                    LinkedReference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    AssignedAccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssignedUserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Satisfaction = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    ClosureNoteSealed = table.Column<string>(type: "character varying(8064)", maxLength: 8064, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "protection_partner_accounts",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PartnerCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LinkedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_partner_accounts", x => x.AccountId);
                });

            migrationBuilder.CreateTable(
                name: "protection_case_grants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    GrantedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    GrantedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_case_grants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_protection_case_grants_protection_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "protection_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "protection_follow_ups",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PlannedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PlannedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DoneBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    NoteSealed = table.Column<string>(type: "character varying(8064)", maxLength: 8064, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_follow_ups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_protection_follow_ups_protection_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "protection_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "protection_referrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseReference = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UnitCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    PartnerCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NeedCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NoteSealed = table.Column<string>(type: "character varying(8064)", maxLength: 8064, nullable: true),
                    SentBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcknowledgeDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OutcomeDueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OutcomeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OutcomeBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OutcomeSealed = table.Column<string>(type: "character varying(8064)", maxLength: 8064, nullable: true),
                    AcknowledgementEscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OutcomeEscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protection_referrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_protection_referrals_protection_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "protection_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_protection_break_glass_CaseId_At",
                table: "protection_break_glass",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_protection_case_grants_AccountId",
                table: "protection_case_grants",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_protection_case_grants_CaseId_AccountId",
                table: "protection_case_grants",
                columns: new[] { "CaseId", "AccountId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protection_cases_AssignedAccountId_Status",
                table: "protection_cases",
                columns: new[] { "AssignedAccountId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_protection_cases_Reference",
                table: "protection_cases",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protection_cases_UnitPath_Status_OpenedAt",
                table: "protection_cases",
                columns: new[] { "UnitPath", "Status", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_protection_follow_ups_CaseId_DueAt",
                table: "protection_follow_ups",
                columns: new[] { "CaseId", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_protection_follow_ups_DoneAt_DueAt",
                table: "protection_follow_ups",
                columns: new[] { "DoneAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_protection_referrals_AcknowledgedAt_AcknowledgeDueAt",
                table: "protection_referrals",
                columns: new[] { "AcknowledgedAt", "AcknowledgeDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_protection_referrals_CaseId",
                table: "protection_referrals",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_protection_referrals_OutcomeAt_OutcomeDueAt",
                table: "protection_referrals",
                columns: new[] { "OutcomeAt", "OutcomeDueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_protection_referrals_PartnerCode_SentAt",
                table: "protection_referrals",
                columns: new[] { "PartnerCode", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_protection_referrals_UnitPath_SentAt",
                table: "protection_referrals",
                columns: new[] { "UnitPath", "SentAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "protection_break_glass");

            migrationBuilder.DropTable(
                name: "protection_case_grants");

            migrationBuilder.DropTable(
                name: "protection_follow_ups");

            migrationBuilder.DropTable(
                name: "protection_partner_accounts");

            migrationBuilder.DropTable(
                name: "protection_referrals");

            migrationBuilder.DropTable(
                name: "protection_cases");
        }
    }
}
