using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AddComplaintRatingToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RatingToken",
                table: "station_complaints",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_station_complaints_RatingToken",
                table: "station_complaints",
                column: "RatingToken",
                filter: "\"RatingToken\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_station_complaints_RatingToken",
                table: "station_complaints");

            migrationBuilder.DropColumn(
                name: "RatingToken",
                table: "station_complaints");
        }
    }
}
