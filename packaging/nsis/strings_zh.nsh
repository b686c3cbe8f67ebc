; The installer's and uninstaller's own words (MUI2's SimpChinese supplies the rest).
; Included by packaging/installer.nsi after MUI_LANGUAGE "SimpChinese"; saved as UTF-8
; (makensis -INPUTCHARSET UTF8).

LangString WELCOME_TEXT ${LANG_SIMPCHINESE} \
  "此程序将引导您完成 调解工作台 ${VERSION} 的安装。$\r$\n$\r$\n调解工作台安装在您自己的用户文件夹中，只供当前 Windows 用户使用，不需要管理员权限。如已安装旧版本，将直接升级，案件数据保持不变。$\r$\n$\r$\n安装前请先关闭正在运行的调解工作台。$\r$\n$\r$\n点击 [下一步(N)] 继续。"
LangString MSG_RUNNING ${LANG_SIMPCHINESE} \
  "调解工作台正在运行（在文件夹 $INSTDIR 中）。$\r$\n$\r$\n请先保存工作并关闭所有调解工作台窗口和命令行窗口，然后点“重试”继续；点“取消”退出。"
LangString MSG_OLD_WINDOWS ${LANG_SIMPCHINESE} \
  "调解工作台需要 Windows 10 1903 或更新版本（64 位）。$\r$\n本机的 Windows 版本过旧，无法安装。"
LangString MSG_DIR_IS_DATA ${LANG_SIMPCHINESE} \
  "不能安装到数据文件夹 $INSTDIR 中，请另选一个文件夹。"
LangString MSG_OLD_UNINSTALL_FAILED ${LANG_SIMPCHINESE} \
  "无法卸载位于 $R9 的旧版本调解工作台（它可能正在运行）。请关闭它后重新运行安装程序。"
LangString MSG_DATA_KEPT ${LANG_SIMPCHINESE} \
  "调解工作台已从本机卸载。$\r$\n$\r$\n您的数据没有删除：案件数据库、密钥、备份和日志仍保存在$\r$\n$R0$\r$\n$\r$\n重新安装后会继续使用这些数据。如确实不再需要，请先妥善备份，再手动删除该文件夹。"
LangString MSG_DATA_NONE ${LANG_SIMPCHINESE} \
  "调解工作台已从本机卸载。"
LangString FILE_TYPE_NAME ${LANG_SIMPCHINESE} "调解工作台交换文件"
LangString SHORTCUT_UNINSTALL ${LANG_SIMPCHINESE} "卸载调解工作台"
LangString FINISH_RUN ${LANG_SIMPCHINESE} "现在启动调解工作台"
