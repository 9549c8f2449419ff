/* The sizes of the identifiers every layer passes around: ticket codes,
 * phone numbers, session ids, staff names and PINs, status names. One place
 * for each number, so that the flow's state, the store's rows, the ticket
 * module and the screens cannot drift apart (a buffer one byte short of a
 * ticket code truncates it silently). Its own header because ticket/ and
 * store/ may include the core but not each other, and everything here is a
 * plain constant with no module behind it.
 *
 * _LEN is the length in bytes without the NUL; _SIZE the buffer that holds
 * one, with the NUL. */
#ifndef CORE_IDS_H
#define CORE_IDS_H

/* A ticket code: 8 symbols of KIOSK_TICKET_ALPHABET, 40 bits, so guessing a
 * valid code is hopeless (ticket/code.h makes them). */
#define KIOSK_TICKET_LEN 8
#define KIOSK_TICKET_SIZE (KIOSK_TICKET_LEN + 1)
/* The code as shown and printed, "ABCD-EFGH": one dash more. */
#define KIOSK_TICKET_SHOWN_SIZE (KIOSK_TICKET_LEN + 2)
/* 32 symbols without 0/O and 1/I, which people misread; the check-in keypad
 * offers exactly these. */
#define KIOSK_TICKET_ALPHABET "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"

/* A mainland mobile number: 11 digits (rules_phone_valid). The masked form
 * "138****5678" has the same length. */
#define KIOSK_PHONE_LEN 11
#define KIOSK_PHONE_SIZE (KIOSK_PHONE_LEN + 1)

/* A session id, "<service id>-YYYYMMDD-HHMM" (schedule.h): at most
 * CATALOG_ID_MAX + 14 bytes, rounded up so the id of any catalog fits. */
#define KIOSK_SESSION_ID_SIZE 64

/* A staff member's name: 1..32 bytes of UTF-8 (store_staff_name_valid), so
 * 64 holds any valid one with room to refuse a longer one whole. */
#define KIOSK_STAFF_NAME_SIZE 64

/* A staff PIN: at most 12 digits (app/staff.h holds the minimum). */
#define KIOSK_PIN_MAX 12
#define KIOSK_PIN_SIZE (KIOSK_PIN_MAX + 1)

/* A booking status or event name as stored ("booked", "checked_in",
 * "no_show", "created", ...): the longest, "checked_in", is 10 bytes. */
#define KIOSK_STATUS_SIZE 12

/* i16house: the label of the person a booking serves (张奶奶, 孙子, Father):
 * at most 24 bytes of UTF-8, eight Chinese characters (rules_label_valid). */
#define KIOSK_LABEL_LEN 24
#define KIOSK_LABEL_SIZE (KIOSK_LABEL_LEN + 1)

#endif
