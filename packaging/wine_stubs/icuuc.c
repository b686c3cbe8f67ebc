/* TEST-ONLY stand-in for Windows' system icuuc.dll, for running Qt 6.10 under Wine.
 *
 * Qt 6.10's Qt6Core.dll links the ICU that Windows 10 1903 and later ship (icuuc.dll) for its
 * text-codec fallback; Wine 8 has no ICU, so without this DLL Qt6Core.dll does not load at
 * all. Every converter fails to open (U_FILE_ACCESS_ERROR), so Qt keeps to its built-in
 * UTF-8/UTF-16/Latin-1 codecs. Compiled by packaging/build_windows.sh into the Wine prefix
 * only; it is never put in the application folder or the installer.
 */
#include <stddef.h>
#include <stdint.h>

typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4
#define EXPORT __declspec(dllexport)

static void fail(UErrorCode *err) { if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR; }

EXPORT void *ucnv_open(const char *name, UErrorCode *err) { (void)name; fail(err); return NULL; }
EXPORT void ucnv_close(void *conv) { (void)conv; }
EXPORT void ucnv_reset(void *conv) { (void)conv; }
EXPORT int8_t ucnv_getMaxCharSize(const void *conv) { (void)conv; return 1; }
EXPORT const char *ucnv_getName(const void *conv, UErrorCode *err) { (void)conv; fail(err); return NULL; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{ (void)name; (void)standard; fail(err); return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT int32_t ucnv_toUCountPending(const void *conv, UErrorCode *err) { (void)conv; fail(err); return 0; }
EXPORT int32_t ucnv_fromUCountPending(const void *conv, UErrorCode *err) { (void)conv; fail(err); return 0; }
/* Never reached once ucnv_open has failed; they only have to exist for the loader. */
EXPORT void ucnv_getToUCallBack(void) {}
EXPORT void ucnv_getFromUCallBack(void) {}
EXPORT void ucnv_setToUCallBack(void) {}
EXPORT void ucnv_setFromUCallBack(void) {}
EXPORT void ucnv_fromUnicode(void) {}
EXPORT void ucnv_toUnicode(void) {}
EXPORT void ucnv_cbToUWriteUChars(void) {}
EXPORT void ucnv_cbFromUWriteUChars(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
