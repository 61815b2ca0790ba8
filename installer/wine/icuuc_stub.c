/* A stand-in for Windows' own icuuc.dll, for testing under Wine only: never bundled, never shipped.

   Qt6Core (Qt 6.10 and later) links the system ICU that Windows 10 1703+ carries, and loads
   only its character-set converters from it. Wine 8 has no icuuc.dll, so without this file
   Qt6Core cannot load at all. Every converter here fails to open, so Qt keeps to its built-in
   UTF-8, UTF-16 and Latin-1 codecs, which is all gxdesk uses. installer/wine.sh compiles it
   into Wine's system32 and checks that it exports every function the bundled Qt6Core imports. */
#include <stddef.h>
#include <stdint.h>

typedef int UErrorCode;
typedef struct UConverter UConverter;
#define U_UNSUPPORTED_ERROR 16
#define EXPORT __declspec(dllexport)
/* Reports failure through ICU's error argument (ICU leaves it alone when it already holds one). */
static void fail(UErrorCode *error) { if (error && *error <= 0) *error = U_UNSUPPORTED_ERROR; }

/* The converters: none can be opened. */
EXPORT UConverter *ucnv_open(const char *name, UErrorCode *error) { (void)name; fail(error); return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *error)
{ (void)name; (void)standard; fail(error); return NULL; }

/* The rest take a converter, which can never exist: they are never called, and fail if they are. */
EXPORT void ucnv_close(UConverter *c) { (void)c; }
EXPORT void ucnv_reset(UConverter *c) { (void)c; }
EXPORT int8_t ucnv_getMaxCharSize(const UConverter *c) { (void)c; return 1; }
EXPORT const char *ucnv_getName(const UConverter *c, UErrorCode *error) { (void)c; fail(error); return NULL; }
EXPORT void ucnv_getToUCallBack(const UConverter *c, void **action, const void **context)
{ (void)c; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_getFromUCallBack(const UConverter *c, void **action, const void **context)
{ (void)c; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_setToUCallBack(UConverter *c, void *action, const void *context, void **old_action,
                                const void **old_context, UErrorCode *error)
{ (void)c; (void)action; (void)context; (void)old_action; (void)old_context; fail(error); }
EXPORT void ucnv_setFromUCallBack(UConverter *c, void *action, const void *context, void **old_action,
                                  const void **old_context, UErrorCode *error)
{ (void)c; (void)action; (void)context; (void)old_action; (void)old_context; fail(error); }
EXPORT void ucnv_toUnicode(UConverter *c, uint16_t **target, const uint16_t *target_limit, const char **source,
                           const char *source_limit, int32_t *offsets, int8_t flush, UErrorCode *error)
{ (void)c; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush; fail(error); }
EXPORT void ucnv_fromUnicode(UConverter *c, char **target, const char *target_limit, const uint16_t **source,
                             const uint16_t *source_limit, int32_t *offsets, int8_t flush, UErrorCode *error)
{ (void)c; (void)target; (void)target_limit; (void)source; (void)source_limit; (void)offsets; (void)flush; fail(error); }
EXPORT int32_t ucnv_toUCountPending(const UConverter *c, UErrorCode *error) { (void)c; fail(error); return 0; }
EXPORT int32_t ucnv_fromUCountPending(const UConverter *c, UErrorCode *error) { (void)c; fail(error); return 0; }
EXPORT void ucnv_cbToUWriteUChars(void *args, const uint16_t *source, int32_t length, int32_t offset, UErrorCode *error)
{ (void)args; (void)source; (void)length; (void)offset; fail(error); }
EXPORT void ucnv_cbFromUWriteUChars(void *args, const uint16_t **source, const uint16_t *source_limit, int32_t offset,
                                    UErrorCode *error)
{ (void)args; (void)source; (void)source_limit; (void)offset; fail(error); }
/* ICU's standard callbacks, only ever passed as pointers. */
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
