using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddStolenVehicles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_registration_alerts_RegistrationId",
                table: "registration_alerts");

            migrationBuilder.AddColumn<string>(
                name: "VehicleRegistration",
                table: "tenant_registrations",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VehicleRegistration",
                table: "registration_alerts",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VehicleRegistration",
                table: "hotel_stays",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "stolen_vehicles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RegistrationNumber = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    RegistrationKey = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ChassisNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    EngineNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Make = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Model = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Colour = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Loss = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    LostPlace = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LostAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirReference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecoveredPlace = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecoveredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RecoveredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    HandedOverTo = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    HandedOverAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HandedOverBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    UnitCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stolen_vehicles", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_registration_alerts_RegistrationId_Source",
                table: "registration_alerts",
                columns: new[] { "RegistrationId", "Source" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_stolen_vehicles_RegistrationKey_Status",
                table: "stolen_vehicles",
                columns: new[] { "RegistrationKey", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_stolen_vehicles_UnitPath_RecordedAt",
                table: "stolen_vehicles",
                columns: new[] { "UnitPath", "RecordedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stolen_vehicles");

            migrationBuilder.DropIndex(
                name: "IX_registration_alerts_RegistrationId_Source",
                table: "registration_alerts");

            migrationBuilder.DropColumn(
                name: "VehicleRegistration",
                table: "tenant_registrations");

            migrationBuilder.DropColumn(
                name: "VehicleRegistration",
                table: "registration_alerts");

            migrationBuilder.DropColumn(
                name: "VehicleRegistration",
                table: "hotel_stays");

            migrationBuilder.CreateIndex(
                name: "IX_registration_alerts_RegistrationId",
                table: "registration_alerts",
                column: "RegistrationId",
                unique: true);
        }
    }
}
