"""The one error a bundle can be rejected with: a reason code and a Chinese message.

Every check of the verifier raises :class:`BundleRejected`; the code is stable
(tests, ``import --json`` and the format document name it), the message is for
the person at the desk and says what to do.
"""

from __future__ import annotations

from typing import Any

from ..domain.errors import DomainError

REASONS: dict[str, str] = {
    "empty_file": "文件是空的，不是交换文件。",
    "not_a_bundle": "文件不是调解工作台交换文件（.mdx），或已严重损坏。",
    "file_too_large": "文件超过允许的大小，未导入。",
    "truncated": "文件不完整（可能在传输中被截断），请让对方重新发送。",
    "not_for_this_desk": "这个文件是发给其他单位的，不是发给本单位的，无法打开。",
    "decrypt_failed": "文件无法解密：内容已损坏或被改动，请让对方重新发送。",
    "zip_invalid": "文件内的压缩包已损坏。",
    "zip_too_many_members": "压缩包内文件过多，可能是恶意文件，已拒绝。",
    "zip_member_too_large": "压缩包内有文件过大，已拒绝。",
    "zip_total_too_large": "压缩包解压后总量过大，已拒绝。",
    "zip_ratio": "压缩比异常（疑似“压缩炸弹”），已拒绝。",
    "zip_bad_name": "压缩包内有不安全的文件名（路径、盘符、控制字符或保留名），已拒绝。",
    "zip_duplicate_name": "压缩包内有重名文件，已拒绝。",
    "zip_not_regular_file": "压缩包内有符号链接或文件夹，已拒绝。",
    "zip_overlap": "压缩包内的条目相互重叠，已拒绝。",
    "zip_unsupported": "压缩包使用了不支持的压缩或加密方式。",
    "zip_size_mismatch": "压缩包内文件的实际大小与声明不符，已拒绝。",
    "manifest_missing": "交换文件缺少清单或签名。",
    "manifest_invalid": "交换文件的清单格式不正确。",
    "unknown_sender": "发送方不在本单位的信任名单中。请先核对并导入对方的单位名片（trust）。",
    "sender_revoked": "发送方的密钥已被撤销，不能导入其文件。",
    "key_mismatch": "发送方使用的密钥与信任名单中的不一致，请电话核对指纹。",
    "bad_signature": "签名无效：文件在签名后被改动，或不是对方签发的。",
    "format_too_new": "文件由更新版本的调解工作台生成，请升级程序后再导入。",
    "format_too_old": "文件格式版本过旧，本程序不再支持，请发送方用新版本重新导出。",
    "schema_too_new": "文件的数据结构版本比本程序新，请升级程序后再导入。",
    "schema_too_old": "文件的数据结构版本过旧，本程序不再支持。",
    "wrong_kind": "交换文件的类型不适用于本单位。",
    "member_missing": "交换文件缺少清单中列出的内容。",
    "member_extra": "交换文件含有清单以外的内容，已拒绝。",
    "member_hash": "交换文件内容与清单的校验值不符（签名后被改动）。",
    "member_size": "交换文件内容的大小与清单不符。",
    "json_invalid": "交换文件中的数据格式不正确（编码、重复字段、非数字值或嵌套过深）。",
    "record_unknown_field": "交换文件中的记录含有未知字段。",
    "record_invalid": "交换文件中的记录未通过校验。",
    "record_dangling": "交换文件中的记录引用了不存在的案件或其他记录。",
    "sequence_invalid": "交换文件的序号不正确。",
    "case_number_taken": "交换文件中的案件与本机已有的案件占用同一个案号，整个文件未导入。",
    "code_taken": "交换文件中的单位与本机已知的另一个单位代码相同，整个文件未导入。",
    "sequence_old": "这份交换文件比已导入的文件旧，没有导入。",
    "sequence_jump": "交换文件的序号跳跃异常，没有导入。请与发送方核实。",
    "attachment_invalid": "交换文件中的附件不符合要求（只接受 PDF、JPEG、PNG、TIFF，"
                          "类型和文件名须与内容一致），整个文件未导入。",
    "not_owner": "交换文件含有发送方无权修改的记录，整个文件未导入。",
    "bad_passphrase": "登记口令不正确（请核对中心打印的口令后重试）。",
    "enrollment_invalid": "登记文件的内容不正确。",
}


class BundleRejected(DomainError):
    """A bundle failed verification; nothing was imported.

    ``reason_code`` is one of :data:`REASONS`; ``message_zh`` is the Chinese
    text for the user (the general message plus a detail when one helps, or
    ``message`` instead of both where one sentence says it better).
    """

    def __init__(self, reason_code: str, detail: str = "", *, message: str = "") -> None:
        if not message:
            base = REASONS.get(reason_code, "交换文件被拒绝。")
            message = f"{base}（{detail}）" if detail else base
        super().__init__(message, code=f"bundle_{reason_code}")
        self.reason_code = reason_code
        self.message_zh = message
        self.detail = detail

    def __reduce__(self) -> tuple[Any, ...]:
        # keep picklable across processes (the message travels too)
        return (_rebuild, (self.reason_code, self.detail, self.message_zh))


def _rebuild(reason_code: str, detail: str, message: str) -> BundleRejected:
    return BundleRejected(reason_code, detail, message=message)
