using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Custodian.Modules.Training.Migrations
{
    /// <inheritdoc />
    internal partial class InitialTraining : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "training_card_types",
                columns: table => new
                {
                    key = table.Column<string>(maxLength: 60, nullable: false),
                    name_fi = table.Column<string>(maxLength: 200, nullable: false),
                    name_en = table.Column<string>(maxLength: 200, nullable: false),
                    validity_months = table.Column<int>(nullable: true),
                    authority = table.Column<string>(maxLength: 200, nullable: false),
                    active = table.Column<bool>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_card_types", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "training_employers",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    name = table.Column<string>(maxLength: 200, nullable: false),
                    business_id = table.Column<string>(maxLength: 9, nullable: false),
                    contact_subject_id = table.Column<Guid>(nullable: false),
                    employer_contact_name = table.Column<byte[]>(nullable: false),
                    employer_contact_email = table.Column<byte[]>(nullable: false),
                    contact_email_index = table.Column<byte[]>(nullable: false),
                    einvoice_address = table.Column<string>(maxLength: 35, nullable: true),
                    einvoice_operator = table.Column<string>(maxLength: 35, nullable: true),
                    postal_address = table.Column<string>(maxLength: 300, nullable: true),
                    invoice_reference = table.Column<string>(maxLength: 70, nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    contract_ended_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_employers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "training_trainees",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    subject_id = table.Column<Guid>(nullable: false),
                    first_name = table.Column<byte[]>(nullable: false),
                    last_name = table.Column<byte[]>(nullable: false),
                    hetu = table.Column<byte[]>(nullable: false),
                    hetu_index = table.Column<byte[]>(nullable: false),
                    email = table.Column<byte[]>(nullable: false),
                    email_index = table.Column<byte[]>(nullable: false),
                    phone = table.Column<byte[]>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    last_activity_at = table.Column<DateTime>(nullable: false),
                    restricted = table.Column<bool>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_trainees", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "training_courses",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    card_type_key = table.Column<string>(maxLength: 60, nullable: false),
                    name_fi = table.Column<string>(maxLength: 200, nullable: false),
                    name_en = table.Column<string>(maxLength: 200, nullable: false),
                    description_fi = table.Column<string>(maxLength: 2000, nullable: false),
                    description_en = table.Column<string>(maxLength: 2000, nullable: false),
                    price = table.Column<decimal>(precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(maxLength: 3, nullable: false),
                    hours = table.Column<decimal>(precision: 6, scale: 2, nullable: false),
                    active = table.Column<bool>(nullable: false),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_courses", x => x.id);
                    table.ForeignKey(
                        name: "FK_training_courses_training_card_types_card_type_key",
                        column: x => x.card_type_key,
                        principalTable: "training_card_types",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_certificates",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    trainee_id = table.Column<Guid>(nullable: false),
                    enrolment_id = table.Column<Guid>(nullable: false),
                    card_type_key = table.Column<string>(maxLength: 60, nullable: false),
                    number = table.Column<string>(maxLength: 40, nullable: false),
                    verification_code = table.Column<string>(maxLength: 40, nullable: false),
                    issued_on = table.Column<DateOnly>(nullable: false),
                    valid_to = table.Column<DateOnly>(nullable: true),
                    issued_by = table.Column<string>(maxLength: 80, nullable: false),
                    issued_at = table.Column<DateTime>(nullable: false),
                    reminder_sent_at = table.Column<DateTime>(nullable: true),
                    revoked_at = table.Column<DateTime>(nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_certificates", x => x.id);
                    table.ForeignKey(
                        name: "FK_training_certificates_training_card_types_card_type_key",
                        column: x => x.card_type_key,
                        principalTable: "training_card_types",
                        principalColumn: "key",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_training_certificates_training_trainees_trainee_id",
                        column: x => x.trainee_id,
                        principalTable: "training_trainees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "training_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    course_id = table.Column<Guid>(nullable: false),
                    starts_at = table.Column<DateTime>(nullable: false),
                    ends_at = table.Column<DateTime>(nullable: false),
                    place = table.Column<string>(maxLength: 300, nullable: false),
                    capacity = table.Column<int>(nullable: false),
                    seats_taken = table.Column<int>(nullable: false),
                    trainer_account = table.Column<string>(maxLength: 80, nullable: true),
                    cancelled_at = table.Column<DateTime>(nullable: true),
                    created_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_sessions", x => x.id);
                    table.ForeignKey(
                        name: "FK_training_sessions_training_courses_course_id",
                        column: x => x.course_id,
                        principalTable: "training_courses",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "training_enrolments",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    session_id = table.Column<Guid>(nullable: false),
                    trainee_id = table.Column<Guid>(nullable: false),
                    reference = table.Column<string>(maxLength: 20, nullable: false),
                    status = table.Column<string>(maxLength: 16, nullable: false),
                    source = table.Column<string>(maxLength: 16, nullable: false),
                    employer_id = table.Column<Guid>(nullable: true),
                    company_name = table.Column<byte[]>(nullable: true),
                    company_business_id = table.Column<string>(maxLength: 9, nullable: true),
                    position = table.Column<byte[]>(nullable: true),
                    marketing_consent = table.Column<bool>(nullable: false),
                    cancel_token_hash = table.Column<byte[]>(nullable: false),
                    submission_key = table.Column<string>(maxLength: 64, nullable: true),
                    created_at = table.Column<DateTime>(nullable: false),
                    cancelled_at = table.Column<DateTime>(nullable: true),
                    promoted_at = table.Column<DateTime>(nullable: true),
                    attended = table.Column<bool>(nullable: true),
                    attendance_recorded_by = table.Column<string>(maxLength: 80, nullable: true),
                    identity_checked_by = table.Column<string>(maxLength: 80, nullable: true),
                    identity_checked_at = table.Column<DateTime>(nullable: true),
                    identity_document = table.Column<string>(maxLength: 20, nullable: true),
                    version = table.Column<int>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_enrolments", x => x.id);
                    table.ForeignKey(
                        name: "FK_training_enrolments_training_sessions_session_id",
                        column: x => x.session_id,
                        principalTable: "training_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_training_enrolments_training_trainees_trainee_id",
                        column: x => x.trainee_id,
                        principalTable: "training_trainees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "training_exams",
                columns: table => new
                {
                    id = table.Column<Guid>(nullable: false),
                    enrolment_id = table.Column<Guid>(nullable: false),
                    taken_on = table.Column<DateOnly>(nullable: false),
                    passed = table.Column<bool>(nullable: false),
                    exam_score = table.Column<byte[]>(nullable: true),
                    exam_answers = table.Column<byte[]>(nullable: true),
                    paper_content_type = table.Column<string>(maxLength: 60, nullable: true),
                    paper_size = table.Column<int>(nullable: true),
                    recorded_by = table.Column<string>(maxLength: 80, nullable: false),
                    recorded_at = table.Column<DateTime>(nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_exams", x => x.id);
                    table.ForeignKey(
                        name: "FK_training_exams_training_enrolments_enrolment_id",
                        column: x => x.enrolment_id,
                        principalTable: "training_enrolments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_card_type_key",
                table: "training_certificates",
                column: "card_type_key");

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_enrolment_id",
                table: "training_certificates",
                column: "enrolment_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_number",
                table: "training_certificates",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_trainee_id",
                table: "training_certificates",
                column: "trainee_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_certificates_verification_code",
                table: "training_certificates",
                column: "verification_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_courses_card_type_key",
                table: "training_courses",
                column: "card_type_key");

            migrationBuilder.CreateIndex(
                name: "IX_training_employers_business_id",
                table: "training_employers",
                column: "business_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_employers_contact_email_index",
                table: "training_employers",
                column: "contact_email_index");

            migrationBuilder.CreateIndex(
                name: "IX_training_enrolments_cancel_token_hash",
                table: "training_enrolments",
                column: "cancel_token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_training_enrolments_live",
                table: "training_enrolments",
                columns: new[] { "session_id", "trainee_id" },
                unique: true,
                filter: "status <> 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "IX_training_enrolments_reference",
                table: "training_enrolments",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_enrolments_submission_key",
                table: "training_enrolments",
                column: "submission_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_enrolments_trainee_id",
                table: "training_enrolments",
                column: "trainee_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_exams_enrolment_id",
                table: "training_exams",
                column: "enrolment_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_sessions_course_id",
                table: "training_sessions",
                column: "course_id");

            migrationBuilder.CreateIndex(
                name: "IX_training_sessions_starts_at",
                table: "training_sessions",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "IX_training_trainees_email_index",
                table: "training_trainees",
                column: "email_index");

            migrationBuilder.CreateIndex(
                name: "IX_training_trainees_hetu_index",
                table: "training_trainees",
                column: "hetu_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_training_trainees_subject_id",
                table: "training_trainees",
                column: "subject_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "training_certificates");

            migrationBuilder.DropTable(
                name: "training_employers");

            migrationBuilder.DropTable(
                name: "training_exams");

            migrationBuilder.DropTable(
                name: "training_enrolments");

            migrationBuilder.DropTable(
                name: "training_sessions");

            migrationBuilder.DropTable(
                name: "training_trainees");

            migrationBuilder.DropTable(
                name: "training_courses");

            migrationBuilder.DropTable(
                name: "training_card_types");
        }
    }
}
