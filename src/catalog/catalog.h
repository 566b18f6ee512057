/* SPDX-License-Identifier: MIT
 * catalog/catalog.h: the system tables and the definitions of tables, columns and indexes.
 * Layer: catalog (uses btree, space, record, cache, page). Used by isam and cursor.
 *
 * Today: the layout of a new database. The DDL (JetCreateTable and friends) and the reading of
 * table definitions build on the same rows (ESE-FORMAT-NOTES §8, §14). */
#ifndef CATALOG_H
#define CATALOG_H

#include "base.h"
#include "btree.h"

/* Build what Windows puts in a new empty database (ESE-FORMAT-NOTES §14) in a file that holds
 * the database's pages: the database root (pages 1-3) and the system tables with their catalog
 * rows. *pobjidLast receives the highest object id used. */
MUST_CHECK JET_ERR catalog_create_database(struct bt_db *db, uint32_t *pobjidLast);

#endif /* CATALOG_H */
