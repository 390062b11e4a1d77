using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nigehban.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServiceRequestRatings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RatedAt",
                table: "service_requests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Rating",
                table: "service_requests",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RatedAt",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "Rating",
                table: "service_requests");
        }
    }
}
