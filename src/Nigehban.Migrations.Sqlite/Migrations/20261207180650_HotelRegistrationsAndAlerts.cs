using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HotelRegistrationsAndAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "hotels",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    KeyHint = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RegisteredBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    KeyIssuedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hotels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "registration_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RegistrationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    FatherName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    NationalId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MatchedOn = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AcknowledgementNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_registration_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "hotel_stays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HotelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GuestName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    FatherName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    NationalId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Passport = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Nationality = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Room = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CheckedInAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckedOutAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UnitCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IdempotencyRequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_hotel_stays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_hotel_stays_hotels_HotelId",
                        column: x => x.HotelId,
                        principalTable: "hotels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_hotel_stays_HotelId_CheckedInAt",
                table: "hotel_stays",
                columns: new[] { "HotelId", "CheckedInAt" });

            migrationBuilder.CreateIndex(
                name: "IX_hotel_stays_HotelId_IdempotencyKey",
                table: "hotel_stays",
                columns: new[] { "HotelId", "IdempotencyKey" },
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_hotel_stays_NationalId",
                table: "hotel_stays",
                column: "NationalId");

            migrationBuilder.CreateIndex(
                name: "IX_hotel_stays_UnitPath",
                table: "hotel_stays",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_hotels_KeyHash",
                table: "hotels",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_hotels_UnitPath",
                table: "hotels",
                column: "UnitPath");

            migrationBuilder.CreateIndex(
                name: "IX_registration_alerts_RegistrationId",
                table: "registration_alerts",
                column: "RegistrationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_registration_alerts_UnitPath_RaisedAt",
                table: "registration_alerts",
                columns: new[] { "UnitPath", "RaisedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "hotel_stays");

            migrationBuilder.DropTable(
                name: "registration_alerts");

            migrationBuilder.DropTable(
                name: "hotels");
        }
    }
}
