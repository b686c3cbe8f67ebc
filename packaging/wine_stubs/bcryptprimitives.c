/* TEST-ONLY stand-in for bcryptprimitives.dll's ProcessPrng, for running under Wine 8.
 *
 * Rust's standard library (1.78 and later; cryptography's and pyrage's extension modules are
 * Rust) takes random bytes from ProcessPrng, which Windows 10 has and Wine 8 lacks. This
 * forwards to BCryptGenRandom with the system RNG, which Wine implements, so keys made in the
 * smoke test are still random. Compiled by packaging/build_windows.sh into the Wine prefix
 * only; it is never put in the application folder or the installer.
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
    while (size > 0) {
        ULONG chunk = size > 0x40000000 ? 0x40000000 : (ULONG)size;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        size -= chunk;
    }
    return TRUE;
}
