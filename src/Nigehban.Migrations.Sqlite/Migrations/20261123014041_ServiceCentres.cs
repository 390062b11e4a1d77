using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceCentres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fee_payments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceRequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceRequestReference = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ExternalReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReceivedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fee_payments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "issued_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ServiceRequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceRequestReference = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ServiceCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    HolderName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    HolderFatherName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    HolderNationalId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Statement = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Signature = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_issued_documents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "person_records",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    NationalId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    FatherName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    IsWanted = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsConvicted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_person_records", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "queue_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CalledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CounterNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    ServedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ServiceRequestReference = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_queue_tokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_counters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    IsOpen = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_counters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ServiceCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    applicant_national_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    applicant_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    applicant_father_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    applicant_phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    applicant_email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    applicant_address = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    DetailsJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    BreachedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FeeAmount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    FeeCurrency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CorrectionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RecordCheckSummary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordCheckHit = table.Column<bool>(type: "INTEGER", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "supporting_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceRequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DocumentCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supporting_documents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "service_request_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ServiceRequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_service_request_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_service_request_steps_service_requests_ServiceRequestId",
                        column: x => x.ServiceRequestId,
                        principalTable: "service_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_fee_payments_ServiceRequestId",
                table: "fee_payments",
                column: "ServiceRequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_fee_payments_UnitPath",
                table: "fee_payments",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_issued_documents_Code",
                table: "issued_documents",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_issued_documents_ServiceRequestId",
                table: "issued_documents",
                column: "ServiceRequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_person_records_NameKey",
                table: "person_records",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_person_records_NationalId",
                table: "person_records",
                column: "NationalId");

            migrationBuilder.CreateIndex(
                name: "IX_person_records_UnitPath",
                table: "person_records",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_queue_tokens_UnitCode_Day_Number",
                table: "queue_tokens",
                columns: new[] { "UnitCode", "Day", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_queue_tokens_UnitCode_Status_IssuedAt",
                table: "queue_tokens",
                columns: new[] { "UnitCode", "Status", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_service_counters_UnitCode_Number",
                table: "service_counters",
                columns: new[] { "UnitCode", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_request_steps_ServiceRequestId_At",
                table: "service_request_steps",
                columns: new[] { "ServiceRequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_applicant_national_id",
                table: "service_requests",
                column: "applicant_national_id");

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_IdempotencyKey",
                table: "service_requests",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_Reference",
                table: "service_requests",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_Status_DueAt",
                table: "service_requests",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_service_requests_UnitPath_Status_SubmittedAt",
                table: "service_requests",
                columns: new[] { "UnitPath", "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_supporting_documents_ServiceRequestId_DocumentCode",
                table: "supporting_documents",
                columns: new[] { "ServiceRequestId", "DocumentCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "fee_payments");

            migrationBuilder.DropTable(
                name: "issued_documents");

            migrationBuilder.DropTable(
                name: "person_records");

            migrationBuilder.DropTable(
                name: "queue_tokens");

            migrationBuilder.DropTable(
                name: "service_counters");

            migrationBuilder.DropTable(
                name: "service_request_steps");

            migrationBuilder.DropTable(
                name: "supporting_documents");

            migrationBuilder.DropTable(
                name: "service_requests");
        }
    }
}
