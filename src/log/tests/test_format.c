/* SPDX-License-Identifier: MIT
 * log/tests/test_format.c: CRC32C, file names as ESENT forms and parses them, the file header
 * and LOGTIME layouts, frame checks. */
#include "log_tests.h"

static void test_log_crc32c_matches_known_vectors(void **state)
{
    (void)state;
    /* The CRC-32C check value, and RFC 3720's 32 zero bytes. */
    assert_int_equal(log_crc32c(0, "123456789", 9), 0xE3069283u);
    uint8_t zeros[32] = { 0 };
    assert_int_equal(log_crc32c(0, zeros, sizeof zeros), 0x8A9136AAu);
    assert_int_equal(log_crc32c(0, NULL, 0), 0);
}

static void test_log_crc32c_chains_across_pieces(void **state)
{
    (void)state;
    uint8_t rgb[1000];
    for (size_t i = 0; i < sizeof rgb; i++) rgb[i] = (uint8_t)(i * 7 + 3);
    uint32_t crcWhole = log_crc32c(0, rgb, sizeof rgb);
    for (size_t cut = 0; cut <= sizeof rgb; cut += 37)
        assert_int_equal(log_crc32c(log_crc32c(0, rgb, cut), rgb + cut, sizeof rgb - cut), crcWhole);
    /* Unaligned starts go through the byte loop first. */
    assert_int_equal(log_crc32c(log_crc32c(0, rgb, 3), rgb + 3, sizeof rgb - 3), crcWhole);
}

/* Whatever path log_crc32c takes (the CRC32 instruction here, most likely), it agrees with the
 * table-driven one and with the bit-at-a-time definition, at every alignment and length. */
static uint32_t crc_bitwise(uint32_t crc, const uint8_t *p, size_t cb)
{
    crc = ~crc;
    while (cb--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1)));
    }
    return ~crc;
}

static void test_log_crc32c_agrees_with_the_definition_at_every_alignment(void **state)
{
    (void)state;
    uint8_t rgb[300];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof rgb; i++) {
        x = x * 1103515245u + 12345u;
        rgb[i] = (uint8_t)(x >> 16);
    }
    for (size_t ib = 0; ib < 16; ib++)
        for (size_t cb = 0; ib + cb <= sizeof rgb; cb += 1 + cb / 8) {
            const uint32_t want = crc_bitwise(0x1234567u, rgb + ib, cb);
            assert_int_equal(log_crc32c(0x1234567u, rgb + ib, cb), want);
            assert_int_equal(log_crc32c_portable(0x1234567u, rgb + ib, cb), want);
        }
}

static const char *build(enum log_name_kind kind, uint32_t grbit, uint32_t gen)
{
    ESENT_WCHAR wsz[LOG_CCH_NAME_MAX];
    bool fLegacy = grbit & JET_bitESE98FileNames;
    const ESENT_WCHAR *ext = kind == LOG_NAME_CHECKPOINT ? (fLegacy ? log_ext_chk : log_ext_jcp)
                                                         : (fLegacy ? log_ext_log : log_ext_jtx);
    log_name_build(wsz, W("edb"), kind, gen, log_name_digits(grbit, gen), ext);
    return narrow(wsz);
}

static void test_log_name_builds_esent_names(void **state)
{
    (void)state;
    const uint32_t esent = LOG_LEGACY_FILE_NAMES_ESENT;
    assert_string_equal(build(LOG_NAME_CURRENT, esent, 0), "edb.log");
    assert_string_equal(build(LOG_NAME_TMP, esent, 0), "edbtmp.log");
    assert_string_equal(build(LOG_NAME_ARCHIVE, esent, 1), "edb00001.log");
    assert_string_equal(build(LOG_NAME_ARCHIVE, esent, 0xABC), "edb00ABC.log");
    assert_string_equal(build(LOG_NAME_ARCHIVE, esent, 0xFFFFF), "edbFFFFF.log");
    /* Past five digits ESE goes to eight (LGSzLogIdAppend). */
    assert_string_equal(build(LOG_NAME_ARCHIVE, esent, 0x100000), "edb00100000.log");
    assert_string_equal(build(LOG_NAME_RESERVE, esent, 1), "edbres00001.jrs");
    assert_string_equal(build(LOG_NAME_RESERVE, esent, 2), "edbres00002.jrs");
    assert_string_equal(build(LOG_NAME_CHECKPOINT, esent, 0), "edb.chk");
}

static void test_log_name_without_legacy_bits_uses_jtx_and_eight_digits(void **state)
{
    (void)state;
    assert_string_equal(build(LOG_NAME_CURRENT, 0, 0), "edb.jtx");
    assert_string_equal(build(LOG_NAME_ARCHIVE, 0, 1), "edb00000001.jtx");
    assert_string_equal(build(LOG_NAME_CHECKPOINT, 0, 0), "edb.jcp");
    assert_string_equal(build(LOG_NAME_TMP, 0, 0), "edbtmp.jtx");
    /* Reserve files keep five digits and .jrs whatever the setting. */
    assert_string_equal(build(LOG_NAME_RESERVE, 0, 2), "edbres00002.jrs");
    /* ESE98 names with eight digits: */
    assert_string_equal(build(LOG_NAME_ARCHIVE, JET_bitESE98FileNames, 5), "edb00000005.log");
}

static void test_log_name_parse_follows_ese_rules(void **state)
{
    (void)state;
    uint32_t gen = 0;
    unsigned cDigits = 0;
    const ESENT_WCHAR *base = W("edb");
    assert_int_equal(log_name_parse(W("edb.log"), base, log_ext_log, &gen, &cDigits), LOG_NAME_CURRENT);
    assert_int_equal(log_name_parse(W("EDB.LOG"), base, log_ext_log, &gen, &cDigits), LOG_NAME_CURRENT);
    assert_int_equal(log_name_parse(W("edbtmp.log"), base, log_ext_log, &gen, &cDigits), LOG_NAME_TMP);
    assert_int_equal(log_name_parse(W("edb0000a.LOG"), base, log_ext_log, &gen, &cDigits), LOG_NAME_ARCHIVE);
    assert_int_equal(gen, 10);
    assert_int_equal(cDigits, 5);
    assert_int_equal(log_name_parse(W("Edb0010000F.log"), base, log_ext_log, &gen, &cDigits), LOG_NAME_ARCHIVE);
    assert_int_equal(gen, 0x10000F);
    assert_int_equal(cDigits, 8);
    assert_int_equal(log_name_parse(W("edbres00002.jrs"), base, log_ext_log, &gen, &cDigits), LOG_NAME_RESERVE);
    assert_int_equal(gen, 2);
    /* Not ours: other lengths, other base, other extension, non-hex, generation 0. */
    assert_int_equal(log_name_parse(W("edb000001.log"), base, log_ext_log, &gen, &cDigits), LOG_NAME_NONE);
    assert_int_equal(log_name_parse(W("edx00001.log"), base, log_ext_log, &gen, &cDigits), LOG_NAME_NONE);
    assert_int_equal(log_name_parse(W("edb00001.jtx"), base, log_ext_log, &gen, &cDigits), LOG_NAME_NONE);
    assert_int_equal(log_name_parse(W("edb0000g.log"), base, log_ext_log, &gen, &cDigits), LOG_NAME_NONE);
    assert_int_equal(log_name_parse(W("edb00000.log"), base, log_ext_log, &gen, &cDigits), LOG_NAME_NONE);
    assert_int_equal(log_name_parse(W("edbres00001.log"), base, log_ext_log, &gen, &cDigits), LOG_NAME_NONE);
    assert_int_equal(log_name_parse(W("ed.log"), base, log_ext_log, &gen, &cDigits), LOG_NAME_NONE);
    assert_int_equal(log_name_parse(W("edb.chk"), base, log_ext_log, &gen, &cDigits), LOG_NAME_NONE);
}

static void test_log_path_join_adds_one_separator(void **state)
{
    (void)state;
    ESENT_WCHAR *wsz = NULL;
    char szExp[64];
    assert_int_equal(log_path_join(W("/a/b/"), W("edb.log"), &wsz), JET_errSuccess);
    assert_string_equal(narrow(wsz), "/a/b/edb.log");
    mem_free(wsz);
    assert_int_equal(log_path_join(W("/a/b"), W("edb.log"), &wsz), JET_errSuccess);
    snprintf(szExp, sizeof szExp, "/a/b%cedb.log", (char)os_path_separator());
    assert_string_equal(narrow(wsz), szExp);
    mem_free(wsz);
    assert_int_equal(log_path_join(W("c:\\x\\"), W("edb.chk"), &wsz), JET_errSuccess);
    assert_string_equal(narrow(wsz), "c:\\x\\edb.chk");
    mem_free(wsz);
    assert_int_equal(log_path_join(W(""), W("edb.chk"), &wsz), JET_errSuccess);
    assert_string_equal(narrow(wsz), "edb.chk");
    mem_free(wsz);
}

static struct log_hdr sample_hdr(void)
{
    struct log_hdr h;
    memset(&h, 0, sizeof h);
    h.gen = 7;
    h.cbFile = 64 * 1024;
    h.cbSector = 4096;
    h.cbMaxWrite = 32 * 1024;
    h.lsnPrevEnd = lsn_make(6, 0x2340);
    log_logtime_now((struct log_logtime_disk *)h.tmCreate);
    log_signature_new(h.signLog);
    return h;
}

static void test_log_hdr_round_trips(void **state)
{
    (void)state;
    struct log_hdr h = sample_hdr(), h2;
    uint8_t rgb[sizeof(struct log_file_header)];
    log_hdr_serialize(&h, rgb);
    assert_int_equal(get_le32(rgb + 4), LOG_FILE_MAGIC);
    assert_int_equal(get_le32(rgb + 16), 7);
    assert_int_equal(log_hdr_parse(rgb, sizeof rgb, h.cbFile, &h2), JET_errSuccess);
    assert_int_equal(h2.gen, h.gen);
    assert_int_equal(h2.cbFile, h.cbFile);
    assert_int_equal(h2.cbSector, h.cbSector);
    assert_int_equal(h2.cbMaxWrite, h.cbMaxWrite);
    assert_true(h2.lsnPrevEnd == h.lsnPrevEnd);
    assert_memory_equal(h2.signLog, h.signLog, LOG_CB_SIGNATURE);
    assert_memory_equal(h2.tmCreate, h.tmCreate, 8);
}

static void test_log_hdr_parse_rejects_damage(void **state)
{
    (void)state;
    struct log_hdr h = sample_hdr(), h2;
    uint8_t rgb[sizeof(struct log_file_header)], rgbBad[sizeof rgb];
    log_hdr_serialize(&h, rgb);
    /* Any flipped bit fails the checksum (or the magic). */
    for (size_t i = 0; i < sizeof rgb; i++) {
        memcpy(rgbBad, rgb, sizeof rgb);
        rgbBad[i] ^= 0x10;
        assert_int_equal(log_hdr_parse(rgbBad, sizeof rgbBad, h.cbFile, &h2), JET_errLogFileCorrupt);
    }
    /* A file shorter than its header says, and a short buffer. */
    assert_int_equal(log_hdr_parse(rgb, sizeof rgb, h.cbFile - 1, &h2), JET_errLogFileCorrupt);
    assert_int_equal(log_hdr_parse(rgb, sizeof rgb - 1, h.cbFile, &h2), JET_errLogFileCorrupt);
    /* Fields out of range, checksum fixed up: not a power-of-two sector, previous end in the
     * wrong generation. */
    struct log_hdr hBad = h;
    hBad.cbSector = 3000;
    log_hdr_serialize(&hBad, rgbBad);
    assert_int_equal(log_hdr_parse(rgbBad, sizeof rgbBad, h.cbFile, &h2), JET_errLogFileCorrupt);
    hBad = h;
    hBad.lsnPrevEnd = lsn_make(3, 0x1000);
    log_hdr_serialize(&hBad, rgbBad);
    assert_int_equal(log_hdr_parse(rgbBad, sizeof rgbBad, h.cbFile, &h2), JET_errLogFileCorrupt);
}

static void test_log_logtime_uses_ese_layout(void **state)
{
    (void)state;
    struct log_logtime_disk lt;
    struct os_wall_time t;
    os_time_wall(&t);
    log_logtime_now(&lt);
    assert_true(lt.b[4] >= 1 && lt.b[4] <= 12);         /* month 1-12 */
    assert_true(lt.b[3] >= 1 && lt.b[3] <= 31);
    assert_true(lt.b[5] >= 124);                        /* 2024 and later, years since 1900 */
    assert_int_equal(lt.b[6] & 1, 1);                   /* UTC */
    unsigned ms = (unsigned)(lt.b[6] >> 1) | ((unsigned)((lt.b[7] >> 1) & 7) << 7);
    assert_true(ms < 1000);
    assert_int_equal(lt.b[7] & 0xF1, 0);
}

static void test_log_frame_check_binds_record_to_its_lsn(void **state)
{
    (void)state;
    uint8_t sign[LOG_CB_SIGNATURE];
    log_signature_new(sign);
    uint32_t seed = log_crc32c(0, sign, sizeof sign), seedOther = seed ^ 1;
    uint8_t frame[LOG_CB_FRAME], payload[5] = { 1, 2, 3, 4, 5 }, rgbLsn[8];
    uint8_t type;
    uint32_t cb;
    put_le32(frame + 4, log_frame_cbtype(40, sizeof payload));
    uint32_t crc = log_crc32c(seed, frame + 4, 4);
    crc = log_crc32c(crc, payload, sizeof payload);
    put_le64(rgbLsn, lsn_make(3, 0x1008));
    put_le32(frame, log_crc32c(crc, rgbLsn, 8));

    assert_int_equal(log_frame_check(seed, 3, 0x1008, frame, payload, 0x2000, &type, &cb), 1);
    assert_int_equal(type, 40);
    assert_int_equal(cb, 5);
    assert_int_equal(log_frame_span(cb), 16);
    /* Elsewhere, in another generation, in another stream, or cut off by the limit: invalid. */
    assert_int_equal(log_frame_check(seed, 3, 0x1010, frame, payload, 0x2000, &type, &cb), 0);
    assert_int_equal(log_frame_check(seed, 4, 0x1008, frame, payload, 0x2000, &type, &cb), 0);
    assert_int_equal(log_frame_check(seedOther, 3, 0x1008, frame, payload, 0x2000, &type, &cb), 0);
    assert_int_equal(log_frame_check(seed, 3, 0x1008, frame, payload, 0x1008 + 15, &type, &cb), 0);
    payload[2] ^= 1;
    assert_int_equal(log_frame_check(seed, 3, 0x1008, frame, payload, 0x2000, &type, &cb), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_log_crc32c_matches_known_vectors),
        cmocka_unit_test(test_log_crc32c_chains_across_pieces),
        cmocka_unit_test(test_log_crc32c_agrees_with_the_definition_at_every_alignment),
        cmocka_unit_test(test_log_name_builds_esent_names),
        cmocka_unit_test(test_log_name_without_legacy_bits_uses_jtx_and_eight_digits),
        cmocka_unit_test(test_log_name_parse_follows_ese_rules),
        cmocka_unit_test(test_log_path_join_adds_one_separator),
        cmocka_unit_test(test_log_hdr_round_trips),
        cmocka_unit_test(test_log_hdr_parse_rejects_damage),
        cmocka_unit_test(test_log_logtime_uses_ese_layout),
        cmocka_unit_test(test_log_frame_check_binds_record_to_its_lsn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
