#include "strings.h"

#include <stdio.h>
#include <string.h>

static const char *const zh[STR_COUNT] = {
    [STR_ATTRACT_TITLE] = "社工站自助服务",
    [STR_ATTRACT_TAP] = "点击屏幕开始",
    [STR_ATTRACT_HINT] = "预约服务 · 查看预约 · 签到",
    [STR_HOME_TITLE] = "请选择服务类别",
    [STR_HOME_SUBTITLE] = "点一下想了解的服务",
    [STR_MY_BOOKINGS] = "我的预约",
    [STR_MY_BOOKINGS_SUB] = "查看或取消",
    [STR_CHECKIN] = "签到",
    [STR_CHECKIN_SUB] = "到站后扫码",
    [STR_ELDER_ON] = "长辈模式：开",
    [STR_ELDER_OFF] = "长辈模式",
    [STR_LANG_SWITCH] = "English",
    [STR_BACK] = "返回",
    [STR_HOME] = "首页",
    [STR_SERVICES_IN] = "可预约的服务",
    [STR_ABOUT] = "服务内容",
    [STR_AUDIENCE] = "适合人群",
    [STR_LOCATION] = "服务地点",
    [STR_BRING] = "请携带",
    [STR_DURATION] = "服务时长",
    [STR_MINUTES] = "约%d分钟",
    [STR_BOOK] = "预约这项服务",
    [STR_NO_SCHEDULE] = "近期没有可预约的场次，请咨询工作人员",
    [STR_CHOOSE_DATE] = "选择日期",
    [STR_CHOOSE_TIME] = "选择时间",
    [STR_NO_SESSIONS_DAY] = "这一天没有安排，请选择其他日期",
    [STR_SEATS_LEFT] = "剩余%d位",
    [STR_FULL] = "已约满",
    [STR_CLOSED] = "已停约",
    [STR_TOO_LATE] = "已截止",
    [STR_TODAY] = "今天",
    [STR_TOMORROW] = "明天",
    [STR_WEEKDAY_1] = "周一",
    [STR_WEEKDAY_2] = "周二",
    [STR_WEEKDAY_3] = "周三",
    [STR_WEEKDAY_4] = "周四",
    [STR_WEEKDAY_5] = "周五",
    [STR_WEEKDAY_6] = "周六",
    [STR_WEEKDAY_7] = "周日",
    [STR_PHONE_TITLE] = "请输入您的手机号",
    [STR_PHONE_HINT] = "用于查询和取消预约，不会公开",
    [STR_PHONE_BAD] = "手机号应为1开头的11位数字",
    [STR_NEXT] = "下一步",
    [STR_DELETE] = "删除",
    [STR_CONFIRM_TITLE] = "请核对预约信息",
    [STR_SERVICE] = "服务",
    [STR_TIME] = "时间",
    [STR_PHONE] = "手机号",
    [STR_PARTY] = "人数",
    [STR_PERSONS] = "%d人",
    [STR_CONFIRM] = "确认预约",
    [STR_TICKET_TITLE] = "预约成功",
    [STR_TICKET_CODE] = "预约码",
    [STR_TICKET_HINT] = "请按时到站，出示预约码或扫码签到",
    [STR_TICKET_SAVE] = "已为您预约，请记下预约码或打印凭条",
    [STR_DONE] = "完成",
    [STR_PRINT] = "打印凭条",
    [STR_REFUSED_TITLE] = "未能预约",
    [STR_OTHER_TIME] = "选择其他时间",
    [STR_LOOKUP_TITLE] = "查询我的预约",
    [STR_LOOKUP_HINT] = "请输入预约时填写的手机号",
    [STR_BOOKINGS_TITLE] = "我的预约",
    [STR_BOOKINGS_NONE] = "没有找到这个手机号的预约",
    [STR_CANCEL] = "取消预约",
    [STR_CANCEL_TITLE] = "取消预约",
    [STR_CANCEL_QUESTION] = "确定要取消这个预约吗？",
    [STR_CANCEL_YES] = "确定取消",
    [STR_CANCEL_NO] = "不取消",
    [STR_CANCELLED_OK] = "已取消预约",
    [STR_NOT_CANCELLABLE] = "这个预约已签到或已取消，不能再取消",
    [STR_STATUS_BOOKED] = "已预约",
    [STR_STATUS_CHECKED_IN] = "已签到",
    [STR_STATUS_CANCELLED] = "已取消",
    [STR_STATUS_NO_SHOW] = "未到",
    [STR_CHECKIN_TITLE] = "签到",
    [STR_CHECKIN_HINT] = "请将预约凭条上的二维码对准下方扫码器",
    [STR_IDLE_TITLE] = "还在吗？",
    [STR_IDLE_COUNTDOWN] = "%d秒后回到首页，已输入的信息将被清除",
    [STR_MORE_TIME] = "我还需要时间",
    [STR_STORE_ERROR] = "系统暂时无法预约，请联系工作人员",
    [STR_LOADING] = "请稍候",
};

static const char *const en[STR_COUNT] = {
    [STR_ATTRACT_TITLE] = "Social Work Station Self-Service",
    [STR_ATTRACT_TAP] = "Tap the screen to start",
    [STR_ATTRACT_HINT] = "Book a service  |  My bookings  |  Check in",
    [STR_HOME_TITLE] = "Choose a service area",
    [STR_HOME_SUBTITLE] = "Tap the area you want to know about",
    [STR_MY_BOOKINGS] = "My bookings",
    [STR_MY_BOOKINGS_SUB] = "View or cancel",
    [STR_CHECKIN] = "Check in",
    [STR_CHECKIN_SUB] = "Scan on arrival",
    [STR_ELDER_ON] = "Large text: on",
    [STR_ELDER_OFF] = "Large text",
    [STR_LANG_SWITCH] = "中文",
    [STR_BACK] = "Back",
    [STR_HOME] = "Home",
    [STR_SERVICES_IN] = "Services you can book",
    [STR_ABOUT] = "What it is",
    [STR_AUDIENCE] = "Who it is for",
    [STR_LOCATION] = "Where",
    [STR_BRING] = "Please bring",
    [STR_DURATION] = "Duration",
    [STR_MINUTES] = "about %d minutes",
    [STR_BOOK] = "Book this service",
    [STR_NO_SCHEDULE] = "No sessions to book soon; please ask the staff",
    [STR_CHOOSE_DATE] = "Choose a date",
    [STR_CHOOSE_TIME] = "Choose a time",
    [STR_NO_SESSIONS_DAY] = "Nothing on this day; please choose another date",
    [STR_SEATS_LEFT] = "%d left",
    [STR_FULL] = "Full",
    [STR_CLOSED] = "Closed",
    [STR_TOO_LATE] = "Closed",
    [STR_TODAY] = "Today",
    [STR_TOMORROW] = "Tomorrow",
    [STR_WEEKDAY_1] = "Mon",
    [STR_WEEKDAY_2] = "Tue",
    [STR_WEEKDAY_3] = "Wed",
    [STR_WEEKDAY_4] = "Thu",
    [STR_WEEKDAY_5] = "Fri",
    [STR_WEEKDAY_6] = "Sat",
    [STR_WEEKDAY_7] = "Sun",
    [STR_PHONE_TITLE] = "Enter your mobile number",
    [STR_PHONE_HINT] = "To look up or cancel your booking; never shown",
    [STR_PHONE_BAD] = "A mobile number has 11 digits and starts with 1",
    [STR_NEXT] = "Next",
    [STR_DELETE] = "Delete",
    [STR_CONFIRM_TITLE] = "Please check your booking",
    [STR_SERVICE] = "Service",
    [STR_TIME] = "Time",
    [STR_PHONE] = "Phone",
    [STR_PARTY] = "Persons",
    [STR_PERSONS] = "%d",
    [STR_CONFIRM] = "Confirm booking",
    [STR_TICKET_TITLE] = "You are booked",
    [STR_TICKET_CODE] = "Booking code",
    [STR_TICKET_HINT] = "Come on time and show the code, or scan it to check in",
    [STR_TICKET_SAVE] = "You are booked: note the code or print the ticket",
    [STR_DONE] = "Done",
    [STR_PRINT] = "Print",
    [STR_REFUSED_TITLE] = "Not booked",
    [STR_OTHER_TIME] = "Choose another time",
    [STR_LOOKUP_TITLE] = "Find my bookings",
    [STR_LOOKUP_HINT] = "Enter the mobile number you booked with",
    [STR_BOOKINGS_TITLE] = "My bookings",
    [STR_BOOKINGS_NONE] = "No bookings for this number",
    [STR_CANCEL] = "Cancel",
    [STR_CANCEL_TITLE] = "Cancel booking",
    [STR_CANCEL_QUESTION] = "Cancel this booking?",
    [STR_CANCEL_YES] = "Yes, cancel",
    [STR_CANCEL_NO] = "No, keep it",
    [STR_CANCELLED_OK] = "Booking cancelled",
    [STR_NOT_CANCELLABLE] = "This booking was checked in or cancelled already",
    [STR_STATUS_BOOKED] = "Booked",
    [STR_STATUS_CHECKED_IN] = "Checked in",
    [STR_STATUS_CANCELLED] = "Cancelled",
    [STR_STATUS_NO_SHOW] = "No-show",
    [STR_CHECKIN_TITLE] = "Check in",
    [STR_CHECKIN_HINT] = "Hold the QR code of your ticket under the scanner below",
    [STR_IDLE_TITLE] = "Are you still there?",
    [STR_IDLE_COUNTDOWN] = "Back to the start in %d s; what you typed will be cleared",
    [STR_MORE_TIME] = "I need more time",
    [STR_STORE_ERROR] = "Booking is not possible right now; please ask the staff",
    [STR_LOADING] = "Please wait",
};

const char *str_get(str_id_t id, int lang_en)
{
    if ((int)id < 0 || id >= STR_COUNT)
        return "";
    const char *s = lang_en ? en[id] : zh[id];
    if (!s)
        s = zh[id];
    return s ? s : "";
}

void str_format_int(str_id_t id, int lang_en, int value, char *out, size_t n)
{
    if (n == 0)
        return;
    const char *t = str_get(id, lang_en);
    const char *hole = strstr(t, "%d");
    char num[16];
    snprintf(num, sizeof num, "%d", value);
    size_t k = 0;
    for (const char *p = t; *p && k + 1 < n; p++) {
        if (p == hole) {
            for (const char *q = num; *q && k + 1 < n; q++)
                out[k++] = *q;
            p++;
            continue;
        }
        out[k++] = *p;
    }
    out[k] = '\0';
}
